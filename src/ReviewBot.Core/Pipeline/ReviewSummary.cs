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
        if (context.Increment is { } increment)
        {
            var since = increment.SinceSha.Length > 7 ? increment.SinceSha[..7] : increment.SinceSha;
            text.Append(CultureInfo.InvariantCulture, $"This review covers what changed since {since}, reviewed before. ");
        }

        text.Append(found == 0
            ? "Nothing worth a comment."
            : string.Create(CultureInfo.InvariantCulture, $"{found} finding{(found == 1 ? "" : "s")} worth a look."));
        foreach (var note in notes)
        {
            text.Append("\n\n`").Append(note.Path).Append("`: ").Append(note.Body);
        }

        AppendSkipped(text, context.Skipped);

        // File names come from the pull request: the body as a whole goes through the sanitizer too.
        return CommentSanitizer.Sanitize(text.ToString(), context.PullRequest?.Repository);
    }

    /// <summary>Says which files were not reviewed, grouped by reason, naming at most a few of each.</summary>
    private static void AppendSkipped(StringBuilder text, IReadOnlyList<SkippedFile> skipped)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"\n\nNot reviewed: {skipped.Count} file{(skipped.Count == 1 ? "" : "s")}");
        foreach (var group in skipped.GroupBy(static s => s.Reason, StringComparer.Ordinal))
        {
            var names = group.Take(5).Select(static s => $"`{s.Path}`");
            var more = group.Count() > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {group.Count() - 5} more") : "";
            text.Append("\n- ").Append(group.Key).Append(": ").Append(string.Join(", ", names)).Append(more);
        }
    }
}
