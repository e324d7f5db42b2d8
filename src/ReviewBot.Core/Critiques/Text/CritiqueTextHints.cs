using System.Globalization;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Critiques.Text;

/// <summary>
/// What the text around a quote says about it: the file and lines (from a fence's info string or a header line),
/// the language tag, the kind tag and a title.
/// </summary>
internal static partial class CritiqueTextHints
{
    internal static (FindingKind? Kind, string? Title) ReadHeader(string? header)
    {
        if (header is null)
        {
            return (null, null);
        }

        var (kind, rest) = TakeKind(ListMarker().Replace(header, "").TrimStart('#', ' '));
        var bold = Bold().Match(rest);
        string? title = null;
        if (bold.Success)
        {
            title = bold.Groups["text"].Value.Trim();
        }
        else if (header.TrimStart().StartsWith('#'))
        {
            title = rest.Trim();
        }

        if (title is not null && (title.Length == 0 || ReadLocation(title) is not null || TakeKind(title).Kind is not null && TakeKind(title).Remainder.Length == 0))
        {
            title = null;
        }

        return (kind, title?.Trim('*', '_', ' ', ':'));
    }

    internal static (FindingKind? Kind, string Remainder) TakeKind(string text)
    {
        var match = KindTag().Match(text);
        if (!match.Success)
        {
            return (null, text);
        }

        var kind = match.Groups["kind"].Value.ToUpperInvariant() switch
        {
            "BUG" or "CORRECTNESS" or "ERROR" or "LOGIC" => FindingKind.Bug,
            "SECURITY" or "VULNERABILITY" => FindingKind.Security,
            "PERFORMANCE" or "PERF" => FindingKind.Performance,
            "MAINTAINABILITY" or "DESIGN" or "READABILITY" => FindingKind.Maintainability,
            _ => FindingKind.Style,
        };
        return (kind, text[(match.Index + match.Length)..].TrimStart());
    }

    internal sealed record Location(string? Path, int? Start, int? End);

    internal static Location? ReadLocation(string text)
    {
        var match = LocationPattern().Match(text);
        if (match.Success)
        {
            var start = ParseLine(match.Groups["start"].Value);
            var end = match.Groups["end"].Success ? ParseLine(match.Groups["end"].Value) : start;
            var path = match.Groups["path"].Success ? match.Groups["path"].Value.Trim('`', '*', '"', '\'') : FindPath(text);
            return start is null ? null : new Location(path, start, end is null || end < start ? start : end);
        }

        var only = FindPath(text);
        return only is null ? null : new Location(only, null, null);
    }

    internal static string? FindPath(string text)
    {
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = token.Trim('`', '*', '"', '\'', ':', ',', '(', ')');
            candidate = candidate.StartsWith("path=", StringComparison.OrdinalIgnoreCase) ? candidate[5..].Trim('"', '\'') : candidate;
            if (PathOnly().IsMatch(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static int? ParseLine(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var line) && line > 0 ? line : null;

    internal static string? ReadLanguage(string info)
    {
        var first = info.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is not null && LanguageToken().IsMatch(first) ? first : null;
    }

    [GeneratedRegex(@"^\s*(?:\d{1,3}[.)]|[-*+])\s+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(?:\*\*|__)(?<text>[^*_\n]{1,200})(?:\*\*|__)")]
    private static partial Regex Bold();

    [GeneratedRegex(@"^\s*(?:\*\*|__)?\s*[\[(]?(?<kind>bug|correctness|error|logic|security|vulnerability|performance|perf|maintainability|design|readability|style|nit(?:pick)?)[\])]?\s*(?:\*\*|__)?\s*(?:[:\-–—]\s*)?(?:\*\*|__)?(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex KindTag();

    [GeneratedRegex(@"(?:(?<path>`?[A-Za-z0-9_\-./\\@+]*[A-Za-z0-9_\-]\.[A-Za-z0-9]{1,10}`?)\s*(?::|#L|,?\s*\(?lines?\s+|\s+at\s+line\s+|\s+L)\s*(?<start>\d{1,7})(?:\s*(?:-|–|to|,)\s*L?(?<end>\d{1,7}))?|\blines?\s*[=:]?\s*(?<start>\d{1,7})(?:\s*(?:-|–|to)\s*(?<end>\d{1,7}))?)", RegexOptions.IgnoreCase)]
    private static partial Regex LocationPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-./\\@+]*[A-Za-z0-9_\-]\.[A-Za-z0-9]{1,10}$")]
    private static partial Regex PathOnly();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+#\-]{0,20}$")]
    private static partial Regex LanguageToken();
}
