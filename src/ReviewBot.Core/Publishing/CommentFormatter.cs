using System.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Publishing;

/// <summary>Turns a highlight into the markdown a reviewer reads; every body passes <see cref="CommentSanitizer"/>.</summary>
public static class CommentFormatter
{
    /// <summary>The body for <paramref name="highlight"/>; links survive only into <paramref name="repository"/> (<c>owner/name</c>).</summary>
    public static string Format(Highlight highlight, string? repository = null)
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
            // The fence must be longer than any backtick run inside the suggestion, or the code would close it.
            var fence = new string('`', Math.Max(3, LongestRun(highlight.Suggestion, '`') + 1));
            body.Append("\n\n").Append(fence).Append("suggestion\n").Append(highlight.Suggestion.TrimEnd('\n')).Append('\n').Append(fence);
        }

        return CommentSanitizer.Sanitize(body.ToString(), repository);
    }

    private static int LongestRun(string text, char c)
    {
        var (longest, run) = (0, 0);
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
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
