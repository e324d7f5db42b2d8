using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.GitHub.Sources;

/// <summary>
/// Works out what changed in a pull request since the head reviewed last: for each file of the diff, the new-side
/// lines the old head did not have, from whole files at both commits. A file that cannot be compared (new since,
/// unreadable, too different) counts as changed throughout, so nothing new escapes review.
/// </summary>
internal static class ReviewIncrementBuilder
{
    public static async Task<ReviewIncrement> BuildAsync(UnifiedDiff diff, GitHubFileSource files, string sinceSha, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        var whole = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in diff.Files)
        {
            if (file.IsBinary || file.Change == FileChangeKind.Deleted || file.AddedLines == 0)
            {
                continue;
            }

            var newer = await files.GetNewContentAsync(file.Path, cancellationToken).ConfigureAwait(false);
            var older = await files.GetContentAtAsync(sinceSha, file.Path, cancellationToken).ConfigureAwait(false);
            if (older is null && file.OldPath is { } oldPath && oldPath != file.Path)
            {
                older = await files.GetContentAtAsync(sinceSha, oldPath, cancellationToken).ConfigureAwait(false);
            }

            var changed = newer is null || older is null ? null : LineDiff.AddedLines(LineDiff.Lines(older), LineDiff.Lines(newer));
            if (changed is null)
            {
                whole.Add(file.Path);
            }
            else if (changed.Count > 0)
            {
                lines[file.Path] = changed;
            }
        }

        return new ReviewIncrement { SinceSha = sinceSha, Lines = lines, WholeFiles = whole };
    }
}
