namespace ReviewBot.Core.Diffs;

/// <summary>Where a quote sits on the new side of a file's diff.</summary>
/// <param name="StartLine">First new-side line.</param>
/// <param name="EndLine">Last new-side line.</param>
/// <param name="TouchesAddedLine">At least one of the lines was added by the change.</param>
public sealed record QuoteLocation(int StartLine, int EndLine, bool TouchesAddedLine);

/// <summary>
/// Finds a quoted piece of code among the new-side lines of one hunk. Models re-indent and trim quotes, so lines
/// are compared without surrounding whitespace; a one-line quote may also be part of a line.
/// </summary>
public static class QuoteLocator
{
    public static QuoteLocation? Find(DiffFile file, string quote, int? nearLine = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var wanted = SplitQuote(quote);
        if (wanted.Count == 0)
        {
            return null;
        }

        QuoteLocation? best = null;
        foreach (var hunk in file.Hunks)
        {
            var lines = hunk.Lines.Where(static l => l.IsOnNewSide).ToList();
            for (var start = 0; start + wanted.Count <= lines.Count; start++)
            {
                if (!Matches(lines, start, wanted))
                {
                    continue;
                }

                var span = lines.GetRange(start, wanted.Count);
                var found = new QuoteLocation(span[0].NewLine, span[^1].NewLine, span.Exists(static l => l.Kind == DiffLineKind.Added));
                if (best is null || IsBetter(found, best, nearLine))
                {
                    best = found;
                }
            }
        }

        return best;
    }

    /// <summary>The quote's lines without blank leading and trailing lines, each trimmed.</summary>
    public static List<string> SplitQuote(string quote)
    {
        var lines = (quote ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(static l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static bool Matches(List<DiffLine> lines, int start, List<string> wanted)
    {
        if (wanted.Count == 1)
        {
            var text = lines[start].Text.Trim();
            return wanted[0].Length > 0 && (text == wanted[0] || (wanted[0].Length >= 8 && text.Contains(wanted[0], StringComparison.Ordinal)));
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            if (!string.Equals(lines[start + i].Text.Trim(), wanted[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Prefer a match on added lines, then the one nearest to where the critic said it was.
    private static bool IsBetter(QuoteLocation candidate, QuoteLocation current, int? nearLine)
    {
        if (candidate.TouchesAddedLine != current.TouchesAddedLine)
        {
            return candidate.TouchesAddedLine;
        }

        return nearLine is { } near && Math.Abs(candidate.StartLine - near) < Math.Abs(current.StartLine - near);
    }
}
