using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.GitHub.Publishing;

/// <summary>
/// GitHub's rule for review comments, checked against the parsed diff of the commit being reviewed: the path is a
/// text file of the diff; <c>line</c> (and <c>start_line</c>) lie on <c>side</c> of one and the same hunk.
/// </summary>
public static class CommentValidator
{
    /// <summary>Why GitHub would refuse <paramref name="comment"/>, or null when it lies inside the diff.</summary>
    public static string? Problem(UnifiedDiff diff, ReviewComment comment)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(comment);
        var file = diff.FindFile(comment.Path);
        if (file is null)
        {
            return "the file is not part of the diff";
        }

        if (file.IsBinary)
        {
            return "the file is binary";
        }

        var start = comment.StartLine ?? comment.Line;
        if (start < 1 || comment.Line < start)
        {
            return $"lines {start}-{comment.Line} are not a range";
        }

        return comment.Side switch
        {
            "RIGHT" when !file.IsCommentableRange(start, comment.Line) => $"lines {start}-{comment.Line} are not inside one hunk of the new side",
            "LEFT" when FindOldHunk(file, start) is not { } hunk || !hunk.ContainsOldLine(comment.Line) => $"old lines {start}-{comment.Line} are not inside one hunk",
            "RIGHT" or "LEFT" => null,
            _ => $"side '{comment.Side}' is neither RIGHT nor LEFT",
        };
    }

    private static DiffHunk? FindOldHunk(DiffFile file, int line) => file.Hunks.FirstOrDefault(h => h.ContainsOldLine(line));
}
