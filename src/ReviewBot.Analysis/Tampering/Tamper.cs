namespace ReviewBot.Analysis.Tampering;

/// <summary>
/// One change to review with a known answer: a bug inserted into one method of one file (a tamper), or only harmless
/// edits (a control). <see cref="Patch"/> is the git-style diff a pull request would show.
/// </summary>
public sealed record Tamper
{
    /// <summary>E.g. <c>t0007-boundary-flip</c> or <c>c0003-control</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The inserted bug; null for a control.</summary>
    public MutationKind? Kind { get; init; }

    public bool IsControl => Kind is null;

    /// <summary>Path of the file relative to the source folder, with forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>The member the edit lies in, e.g. <c>Parser.ReadHeader</c>.</summary>
    public required string Member { get; init; }

    /// <summary>The file before the change.</summary>
    public required string Original { get; init; }

    /// <summary>The file after the change.</summary>
    public required string Changed { get; init; }

    /// <summary>
    /// New-side lines (1-based, ascending) of the inserted bug in <see cref="Changed"/>; for a pure deletion, the lines
    /// just before and after it. Empty for a control.
    /// </summary>
    public required IReadOnlyList<int> Lines { get; init; }

    /// <summary>New-side lines changed only by the harmless edit (not in <see cref="Lines"/>).</summary>
    public IReadOnlyList<int> HarmlessLines { get; init; } = [];

    /// <summary>The harmless edits, e.g. <c>renamed local count to total</c>; empty when there were none.</summary>
    public IReadOnlyList<string> HarmlessEdits { get; init; } = [];

    /// <summary>One line saying what the bug is and what it breaks; for a control, what was edited.</summary>
    public required string Description { get; init; }

    /// <summary>How a reviewer who caught the bug would put it: the comment of the "gold" highlight on <see cref="Lines"/>.</summary>
    public string? Gold { get; init; }

    /// <summary>A git-style unified diff of the one file, as a pull request would show it.</summary>
    public required string Patch { get; init; }

    /// <summary>True when the bug only deletes lines (its <see cref="Lines"/> are the neighbours of the deletion).</summary>
    public bool IsDeletion { get; init; }
}
