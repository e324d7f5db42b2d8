namespace ReviewBot.Core.Diffs;

/// <summary>What a line of a hunk does to the file.</summary>
public enum DiffLineKind
{
    /// <summary>Unchanged, present on both sides.</summary>
    Context,

    /// <summary>Present only on the new side.</summary>
    Added,

    /// <summary>Present only on the old side.</summary>
    Deleted,
}

/// <summary>One line of a hunk with its line numbers on each side (0 where the line does not exist on that side).</summary>
public sealed record DiffLine(DiffLineKind Kind, int OldLine, int NewLine, string Text)
{
    /// <summary>The line was followed by <c>\ No newline at end of file</c>.</summary>
    public bool NoNewlineAtEnd { get; init; }

    /// <summary>True for lines a reviewer sees on the new (RIGHT) side: added and context lines.</summary>
    public bool IsOnNewSide => Kind != DiffLineKind.Deleted;
}
