using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Text;

/// <summary>
/// RB1001: merge conflict markers committed by mistake. <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c> and <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c>
/// lines count on their own; a bare <c>=======</c> only between them (it is also a Markdown heading underline).
/// A whole conflict that fits in a few lines is quoted at once.
/// </summary>
internal static class ConflictMarkers
{
    public const string RuleId = "RB1001";

    private const int MaxBlockLines = 8;

    private static readonly LineFinding Finding = new(
        RuleId,
        FindingKind.Bug,
        0.95,
        "Merge conflict markers were committed: the conflict was never resolved, and the file will not compile or parse as it is. Resolve the conflict and remove the markers.");

    public static IEnumerable<(LineFinding Finding, IReadOnlyList<DiffLine> Lines)> Find(DiffHunk hunk)
    {
        var lines = hunk.Lines.Where(static l => l.IsOnNewSide).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind != DiffLineKind.Added)
            {
                continue;
            }

            if (IsMarker(lines[i].Text, '<'))
            {
                var end = lines.FindIndex(i + 1, l => IsMarker(l.Text, '>'));
                if (end > i && end - i < MaxBlockLines && lines.GetRange(i, end - i + 1).TrueForAll(static l => l.Kind == DiffLineKind.Added))
                {
                    yield return (Finding, lines.GetRange(i, end - i + 1));
                    i = end;
                    continue;
                }

                yield return (Finding, [lines[i]]);
            }
            else if (IsMarker(lines[i].Text, '>') || IsMarker(lines[i].Text, '|'))
            {
                yield return (Finding, [lines[i]]);
            }
        }
    }

    /// <summary>Seven marker characters at the start of the line, then nothing or a space and a label.</summary>
    private static bool IsMarker(string text, char marker) =>
        text.Length >= 7 && text.AsSpan(0, 7).IndexOfAnyExcept(marker) < 0 && (text.Length == 7 || text[7] == ' ');
}
