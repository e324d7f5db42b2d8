namespace ReviewBot.Core.Evaluation;

/// <summary>
/// A change with a known answer, as the evaluation sees it: a tamper (a bug on <see cref="Lines"/>), a control
/// (harmless edits only, <see cref="Kind"/> null), or a historical bug fix reviewed in reverse.
/// </summary>
public sealed record EvalCase
{
    public required string Id { get; init; }

    /// <summary>The kind of bug (e.g. <c>boundary-flip</c>); null for a control.</summary>
    public string? Kind { get; init; }

    public bool IsControl => Kind is null;

    /// <summary>The file the bug is in.</summary>
    public required string Path { get; init; }

    /// <summary>New-side lines of the bug; a comment overlapping them catches it.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];

    /// <summary>New-side lines changed only by harmless edits.</summary>
    public IReadOnlyList<int> HarmlessLines { get; init; } = [];

    /// <summary>One line: what the bug is (the tamperer's note); for a control, what was edited.</summary>
    public required string Description { get; init; }

    /// <summary>How a reviewer who caught it would say it; the comment of the gold highlight.</summary>
    public string? Gold { get; init; }

    /// <summary>The unified diff under review.</summary>
    public required string Patch { get; init; }
}
