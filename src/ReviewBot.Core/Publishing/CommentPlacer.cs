using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Publishing;

/// <summary>
/// Decides where each highlight goes: on its own lines when they lie in one hunk, snapped to where its quote
/// appears in the diff when they do not, and otherwise into the review body as a file-level note. GitHub rejects a
/// whole review when one comment lies outside the diff, so nothing leaves here unvalidated.
/// </summary>
public static class CommentPlacer
{
    public static (ReviewComment? Comment, FileNote? Note) Place(UnifiedDiff diff, Highlight highlight, string body, double score)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(highlight);
        var file = diff.FindFile(highlight.Path);
        if (file is not null && !file.IsBinary)
        {
            var (start, end) = (highlight.StartLine, highlight.EndLine);
            if (!file.IsCommentableRange(start, end))
            {
                var snapped = QuoteLocator.Find(file, highlight.Quote, highlight.StartLine);
                (start, end) = snapped is null ? (-1, -1) : (snapped.StartLine, snapped.EndLine);
            }

            if (start > 0)
            {
                return (new ReviewComment
                {
                    Path = highlight.Path,
                    Line = end,
                    StartLine = start == end ? null : start,
                    Quote = highlight.Quote,
                    Body = body,
                    Kind = highlight.Kind,
                    Score = score,
                    RuleId = highlight.RuleId,
                    Source = highlight.Source,
                    Fingerprint = CommentFingerprint.Compute(highlight),
                    Highlight = highlight,
                }, null);
            }
        }

        return (null, new FileNote(highlight.Path, body));
    }
}
