using System.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Publishing;

/// <summary>Turns a highlight into the markdown a reviewer reads.</summary>
public static class CommentFormatter
{
    public static string Format(Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(highlight);
        var body = new StringBuilder();
        body.Append("**").Append(Label(highlight.Kind)).Append("**");
        if (highlight.RuleId is not null)
        {
            body.Append(" (").Append(highlight.RuleId).Append(')');
        }

        body.Append(": ").Append(highlight.Comment.Trim());
        if (!string.IsNullOrWhiteSpace(highlight.Suggestion))
        {
            body.Append("\n\n```suggestion\n").Append(highlight.Suggestion.TrimEnd('\n')).Append("\n```");
        }

        return body.ToString();
    }

    public static string Label(FindingKind kind) => kind switch
    {
        FindingKind.Bug => "Possible bug",
        FindingKind.Security => "Security",
        FindingKind.Performance => "Performance",
        FindingKind.Maintainability => "Maintainability",
        _ => "Style",
    };
}
