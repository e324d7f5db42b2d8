namespace ReviewBot.Core.Diffs;

/// <summary>A parsed unified diff: the files of a change and their hunks.</summary>
public sealed record UnifiedDiff
{
    public static UnifiedDiff Empty { get; } = new() { Files = [] };

    public required IReadOnlyList<DiffFile> Files { get; init; }

    public int HunkCount => Files.Sum(static f => f.Hunks.Count);

    public int AddedLines => Files.Sum(static f => f.AddedLines);

    public int DeletedLines => Files.Sum(static f => f.DeletedLines);

    /// <summary>The file whose new path (or old path, for deletions) is <paramref name="path"/>.</summary>
    public DiffFile? FindFile(string path)
    {
        foreach (var file in Files)
        {
            if (string.Equals(file.Path, path, StringComparison.Ordinal))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>Is new-side line <paramref name="newLine"/> of <paramref name="path"/> inside a hunk?</summary>
    public bool IsCommentable(string path, int newLine) => FindFile(path)?.IsCommentable(newLine) ?? false;
}
