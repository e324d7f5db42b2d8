namespace ReviewBot.Core.Diffs;

/// <summary>One <c>@@ -a,b +c,d @@</c> block of a file's diff.</summary>
public sealed record DiffHunk
{
    public required int OldStart { get; init; }

    public required int OldCount { get; init; }

    public required int NewStart { get; init; }

    public required int NewCount { get; init; }

    /// <summary>The text after the closing <c>@@</c>, usually the enclosing function's signature.</summary>
    public string Section { get; init; } = "";

    public required IReadOnlyList<DiffLine> Lines { get; init; }

    /// <summary>The last new-side line number the hunk covers, or <see cref="NewStart"/> − 1 when it covers none.</summary>
    public int NewEnd => NewStart + NewCount - 1;

    public bool ContainsNewLine(int line) => NewCount > 0 && line >= NewStart && line <= NewEnd;

    public bool ContainsOldLine(int line) => OldCount > 0 && line >= OldStart && line <= OldStart + OldCount - 1;

    public int AddedLines => Lines.Count(static l => l.Kind == DiffLineKind.Added);

    public int DeletedLines => Lines.Count(static l => l.Kind == DiffLineKind.Deleted);
}
