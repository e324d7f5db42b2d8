using System.Globalization;
using System.Text;

namespace ReviewBot.Core.Critiques.Text;

/// <summary>
/// Writes a critique in the text form a model reads and continues: each highlight is a fenced quote of new-side
/// code whose info string names the language and <c>path:start-end</c>, then a kind tag and the comment, then an
/// optional <c>suggestion</c> block; highlights are separated by a blank line.
/// <code>
/// ```csharp src/Orders/OrderService.cs:42-43
/// if (order.Items.Count > 0)
///     total = order.Items[order.Items.Count].Price;
/// ```
/// [bug] Off by one: the last item is at Count - 1, so this always throws.
/// ```suggestion
///     total = order.Items[order.Items.Count - 1].Price;
/// ```
/// </code>
/// </summary>
public static class CritiqueTextWriter
{
    /// <summary>What forcing appends: the opening of a quote block. The model writes the info string and the quote.</summary>
    public const string QuoteOpening = "```";

    public static string Write(Critique critique, bool includeClosing = true)
    {
        ArgumentNullException.ThrowIfNull(critique);
        var text = new StringBuilder();
        foreach (var highlight in critique.Highlights)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            WriteHighlight(text, highlight);
        }

        if (includeClosing && !string.IsNullOrWhiteSpace(critique.Closing))
        {
            text.Append(text.Length > 0 ? "\n" : "").Append(critique.Closing.Trim()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The critique so far followed by the opening of the next quote: the prefix a completion model continues.</summary>
    public static string WriteForced(Critique critique)
    {
        var text = Write(critique, includeClosing: false);
        return (text.Length > 0 ? text + "\n" : "") + QuoteOpening;
    }

    public static void WriteHighlight(StringBuilder text, Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(highlight);
        var quote = highlight.Quote.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var fence = Fence(quote);
        var language = LanguageOf(highlight.Path);
        text.Append(fence).Append(language);
        if (language.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(highlight.Path).Append(':').Append(highlight.StartLine.ToString(CultureInfo.InvariantCulture));
        if (highlight.EndLine != highlight.StartLine)
        {
            text.Append('-').Append(highlight.EndLine.ToString(CultureInfo.InvariantCulture));
        }

        text.Append('\n').Append(quote).Append('\n').Append(fence).Append('\n');
        text.Append('[').Append(KindTag(highlight.Kind)).Append("] ").Append(highlight.Comment.Trim()).Append('\n');
        if (!string.IsNullOrWhiteSpace(highlight.Suggestion))
        {
            var suggestion = highlight.Suggestion.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
            var suggestionFence = Fence(suggestion);
            text.Append(suggestionFence).Append("suggestion\n").Append(suggestion).Append('\n').Append(suggestionFence).Append('\n');
        }
    }

    public static string KindTag(FindingKind kind) => kind switch
    {
        FindingKind.Bug => "bug",
        FindingKind.Security => "security",
        FindingKind.Performance => "performance",
        FindingKind.Maintainability => "maintainability",
        _ => "style",
    };

    /// <summary>The markdown language tag for a file, or empty when unknown.</summary>
    public static string LanguageOf(string path)
    {
        var extension = Path.GetExtension(path ?? "").ToUpperInvariant();
        return extension switch
        {
            ".CS" or ".CSX" => "csharp",
            ".FS" => "fsharp",
            ".VB" => "vb",
            ".JS" or ".MJS" or ".CJS" => "javascript",
            ".TS" or ".TSX" => "typescript",
            ".PY" => "python",
            ".GO" => "go",
            ".RS" => "rust",
            ".JAVA" => "java",
            ".KT" => "kotlin",
            ".RB" => "ruby",
            ".C" or ".H" => "c",
            ".CPP" or ".HPP" or ".CC" => "cpp",
            ".SQL" => "sql",
            ".SH" => "bash",
            ".PS1" => "powershell",
            ".JSON" => "json",
            ".YML" or ".YAML" => "yaml",
            ".XML" or ".CSPROJ" or ".PROPS" or ".TARGETS" => "xml",
            ".MD" => "markdown",
            ".HTML" or ".CSHTML" or ".RAZOR" => "html",
            _ => "",
        };
    }

    /// <summary>Three backticks, or one more than the longest backtick run in <paramref name="content"/>.</summary>
    public static string Fence(string content)
    {
        var (longest, run) = (0, 0);
        foreach (var c in content ?? "")
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return new string('`', Math.Max(3, longest + 1));
    }
}
