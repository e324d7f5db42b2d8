using System.Globalization;
using System.Text;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Core.Pipeline;

/// <summary>The review body: what was looked at, what was found, and findings that could not go inline.</summary>
public static class ReviewSummary
{
    public static string Write(ChangeContext context, IReadOnlyList<ReviewComment> comments, IReadOnlyList<FileNote> notes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(comments);
        ArgumentNullException.ThrowIfNull(notes);
        var text = new StringBuilder();
        var files = context.Diff.Files.Count;
        var found = comments.Count + notes.Count;
        text.Append(CultureInfo.InvariantCulture, $"ReviewBot looked at {files} file{(files == 1 ? "" : "s")} ");
        text.Append(CultureInfo.InvariantCulture, $"(+{context.Diff.AddedLines} -{context.Diff.DeletedLines}). ");
        text.Append(found == 0
            ? "Nothing worth a comment."
            : string.Create(CultureInfo.InvariantCulture, $"{found} finding{(found == 1 ? "" : "s")} worth a look."));
        foreach (var note in notes)
        {
            text.Append("\n\n`").Append(note.Path).Append("`: ").Append(note.Body);
        }

        // File names come from the pull request: the body as a whole goes through the sanitizer too.
        return CommentSanitizer.Sanitize(text.ToString(), context.PullRequest?.Repository);
    }
}
