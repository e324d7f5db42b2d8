using System.Text.RegularExpressions;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Critiques.Text;

/// <summary>What <see cref="HighlightResolver"/> kept and dropped.</summary>
/// <param name="Highlights">New highlights whose quotes were found in the change, placed on their new-side lines.</param>
/// <param name="Hallucinations">Highlights dropped because their quote is not on the new side of the change.</param>
/// <param name="Duplicates">Highlights merged into an earlier one at the same place saying the same thing.</param>
public sealed record ResolvedHighlights(IReadOnlyList<Highlight> Highlights, int Hallucinations, int Duplicates);

/// <summary>
/// Checks each parsed highlight against the change: its quote must appear (whitespace-tolerant, see
/// <see cref="QuoteLocator"/>) among the new-side lines of a file, preferably the file and lines the model named.
/// A quote found nowhere is a hallucination by construction and is dropped. Near-duplicates (same lines, or
/// overlapping lines with a very similar comment) are merged into the first.
/// </summary>
public static partial class HighlightResolver
{
    /// <summary>Word-set similarity (Jaccard) above which two comments on overlapping lines say the same thing.</summary>
    public const double SimilarComment = 0.5;

    public static ResolvedHighlights Resolve(UnifiedDiff diff, IEnumerable<ParsedHighlight> parsed, Critique? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(parsed);
        var accepted = new List<Highlight>(prefix?.Highlights ?? []);
        var fromPrefix = accepted.Count;
        var hallucinations = 0;
        var duplicates = 0;
        foreach (var candidate in parsed)
        {
            var highlight = Locate(diff, candidate);
            if (highlight is null)
            {
                hallucinations++;
                continue;
            }

            var same = accepted.FindIndex(h => IsNearDuplicate(h, highlight));
            if (same < 0)
            {
                accepted.Add(highlight);
                continue;
            }

            duplicates++;
            if (same >= fromPrefix && accepted[same].Suggestion is null && highlight.Suggestion is not null)
            {
                accepted[same] = accepted[same] with { Suggestion = highlight.Suggestion };
            }
        }

        return new ResolvedHighlights(accepted.GetRange(fromPrefix, accepted.Count - fromPrefix), hallucinations, duplicates);
    }

    /// <summary>The highlight placed on the lines where its quote appears, or null when it appears nowhere.</summary>
    public static Highlight? Locate(UnifiedDiff diff, ParsedHighlight parsed)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(parsed);
        var named = FindNamedFile(diff, parsed.Path);
        var files = named is null ? diff.Files : [named, .. diff.Files.Where(f => !ReferenceEquals(f, named))];
        foreach (var quote in Variants(parsed.Quote))
        {
            foreach (var file in files)
            {
                if (file.IsBinary)
                {
                    continue;
                }

                var found = QuoteLocator.Find(file, quote, ReferenceEquals(file, named) ? parsed.StartLine : null);
                if (found is not null)
                {
                    return new Highlight
                    {
                        Path = file.Path,
                        StartLine = found.StartLine,
                        EndLine = found.EndLine,
                        Quote = string.Join('\n', Enumerable.Range(found.StartLine, found.EndLine - found.StartLine + 1).Select(n => file.FindNewLine(n)?.Text ?? "")),
                        Comment = parsed.Comment,
                        Suggestion = parsed.Suggestion,
                        Kind = parsed.Kind,
                        Source = HighlightSource.Llm,
                        OnAddedLine = found.TouchesAddedLine,
                    };
                }
            }
        }

        return null;
    }

    public static bool IsNearDuplicate(Highlight a, Highlight b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.Path, b.Path, StringComparison.Ordinal))
        {
            return false;
        }

        if (a.StartLine == b.StartLine && a.EndLine == b.EndLine)
        {
            return true;
        }

        var overlap = a.StartLine <= b.EndLine && b.StartLine <= a.EndLine;
        return overlap && Similarity(a.Comment, b.Comment) >= SimilarComment;
    }

    /// <summary>Jaccard similarity of the two texts' sets of words (three letters or more, case-insensitive).</summary>
    public static double Similarity(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var common = left.Count(right.Contains);
        return (double)common / (left.Count + right.Count - common);
    }

    private static HashSet<string> Words(string text) =>
        [.. Word().Matches(text ?? "").Select(static m => m.Value.ToUpperInvariant())];

    private static DiffFile? FindNamedFile(UnifiedDiff diff, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var wanted = path.Replace('\\', '/').Trim();
        wanted = wanted.StartsWith("a/", StringComparison.Ordinal) || wanted.StartsWith("b/", StringComparison.Ordinal) ? wanted[2..] : wanted;
        wanted = wanted.TrimStart('.', '/');
        var exact = diff.FindFile(wanted);
        if (exact is not null)
        {
            return exact;
        }

        var suffixed = diff.Files.Where(f => f.Path.EndsWith("/" + wanted, StringComparison.Ordinal) || wanted.EndsWith("/" + f.Path, StringComparison.Ordinal)).ToList();
        return suffixed.Count == 1 ? suffixed[0] : null;
    }

    /// <summary>
    /// The quote as written, then without the line-number column of ReviewBot's prompt, then without diff markers
    /// (dropping lines marked as removed), since models copy those along with the code.
    /// </summary>
    private static IEnumerable<string> Variants(string quote)
    {
        yield return quote;
        var lines = quote.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var nonBlank = lines.Where(static l => l.Trim().Length > 0).ToList();
        if (nonBlank.Count == 0)
        {
            yield break;
        }

        if (nonBlank.Exists(static l => NumberedLine().IsMatch(l)) && nonBlank.TrueForAll(static l => NumberedLine().IsMatch(l) || DeletedNumberedLine().IsMatch(l)))
        {
            yield return string.Join('\n', lines.Where(static l => !DeletedNumberedLine().IsMatch(l)).Select(static l => NumberedLine().Replace(l, "")));
        }

        if (nonBlank.TrueForAll(static l => l[0] is '+' or '-' or ' '))
        {
            yield return string.Join('\n', lines.Where(static l => !l.StartsWith('-')).Select(static l => l.Length > 0 ? l[1..] : l));
        }
    }

    [GeneratedRegex(@"^\s*\d{1,7} [+ ] ?")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"^\s+- ")]
    private static partial Regex DeletedNumberedLine();

    [GeneratedRegex(@"[\p{L}\p{N}_]{3,}")]
    private static partial Regex Word();
}
