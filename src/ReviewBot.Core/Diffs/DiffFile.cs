namespace ReviewBot.Core.Diffs;

/// <summary>How a file changed.</summary>
public enum FileChangeKind
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
}

/// <summary>One file of a unified diff.</summary>
public sealed record DiffFile
{
    /// <summary>The path before the change; null for an added file.</summary>
    public string? OldPath { get; init; }

    /// <summary>The path after the change; null for a deleted file.</summary>
    public string? NewPath { get; init; }

    public required FileChangeKind Change { get; init; }

    public string? OldMode { get; init; }

    public string? NewMode { get; init; }

    /// <summary>Git reported <c>Binary files … differ</c> or a <c>GIT binary patch</c>: there are no text hunks.</summary>
    public bool IsBinary { get; init; }

    /// <summary>Similarity index of a rename or copy, in percent.</summary>
    public int? Similarity { get; init; }

    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];

    /// <summary>The path a reviewer comments on: the new path, or the old one for a deleted file.</summary>
    public string Path => NewPath ?? OldPath ?? "";

    public int AddedLines => Hunks.Sum(static h => h.AddedLines);

    public int DeletedLines => Hunks.Sum(static h => h.DeletedLines);

    /// <summary>The hunk whose new-side range contains <paramref name="newLine"/>, if any.</summary>
    public DiffHunk? FindHunkForNewLine(int newLine)
    {
        foreach (var hunk in Hunks)
        {
            if (hunk.ContainsNewLine(newLine))
            {
                return hunk;
            }
        }

        return null;
    }

    /// <summary>
    /// True when a RIGHT-side review comment may be placed on <paramref name="newLine"/>: GitHub accepts exactly the
    /// added and context lines of the diff's hunks.
    /// </summary>
    public bool IsCommentable(int newLine) => FindHunkForNewLine(newLine) is not null;

    /// <summary>True when lines <paramref name="startLine"/>..<paramref name="endLine"/> all lie in one hunk.</summary>
    public bool IsCommentableRange(int startLine, int endLine)
    {
        if (startLine > endLine)
        {
            return false;
        }

        var hunk = FindHunkForNewLine(startLine);
        return hunk is not null && hunk.ContainsNewLine(endLine);
    }

    /// <summary>The new-side line with number <paramref name="newLine"/>, if the diff shows it.</summary>
    public DiffLine? FindNewLine(int newLine)
    {
        var hunk = FindHunkForNewLine(newLine);
        return hunk?.Lines.FirstOrDefault(l => l.IsOnNewSide && l.NewLine == newLine);
    }

    /// <summary>Every line visible on the new side, in order.</summary>
    public IEnumerable<DiffLine> NewSideLines => Hunks.SelectMany(static h => h.Lines).Where(static l => l.IsOnNewSide);

    /// <summary>The new-side numbers of added lines.</summary>
    public IEnumerable<int> AddedLineNumbers =>
        Hunks.SelectMany(static h => h.Lines).Where(static l => l.Kind == DiffLineKind.Added).Select(static l => l.NewLine);
}
