using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Turns a <see cref="Finding"/> into a <see cref="Highlight"/> whose lines are new-side line numbers of the diff and
/// whose quote is exactly the new-side text of those lines. A finding whose lines the diff does not show, or that
/// touches no added line, yields nothing.
/// </summary>
internal static class HighlightFactory
{
    /// <summary>Longer findings are quoted by their first line only: a reviewer points at code, not at pages of it.</summary>
    public const int MaxQuoteLines = 8;

    public static Highlight? Create(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var (first, last, suggestion) = (finding.FirstLine, finding.LastLine, finding.Suggestion);
        var head = finding.File.Head;
        if (last - first + 1 > MaxQuoteLines || !head.IsContiguous(first, last))
        {
            (last, suggestion) = (first, null);
        }

        var start = head.FileLineOf(first);
        if (start <= 0 || !head.IsContiguous(first, last))
        {
            return null;
        }

        var end = start + (last - first);
        if (!finding.File.Diff.IsCommentableRange(start, end))
        {
            return null;
        }

        var lines = new List<string>(end - start + 1);
        var onAdded = false;
        for (var line = start; line <= end; line++)
        {
            var diffLine = finding.File.NewSideLine(line);
            if (diffLine is null || !string.Equals(diffLine.Text.TrimEnd('\r'), head.LineText(first + (line - start)), StringComparison.Ordinal))
            {
                // The whole file and the diff disagree here: the quote could not be exact.
                return null;
            }

            onAdded |= diffLine.Kind == DiffLineKind.Added;
            lines.Add(diffLine.Text);
        }

        if (!onAdded)
        {
            return null;
        }

        return new Highlight
        {
            Path = finding.File.Path,
            StartLine = start,
            EndLine = end,
            Quote = string.Join('\n', lines),
            Comment = finding.Comment,
            Suggestion = suggestion,
            Kind = finding.Kind,
            Source = HighlightSource.Offline,
            RuleId = finding.RuleId,
            Confidence = Math.Clamp(finding.Confidence, 0, 1),
            OnAddedLine = true,
        };
    }
}
