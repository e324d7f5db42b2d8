namespace ReviewBot.Core.Diffs;

/// <summary>Why a diff could not be parsed, and where (1-based line of the input).</summary>
public sealed record DiffParseError(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>The outcome of parsing: a diff, or an error. Parsing never throws on bad input.</summary>
public sealed record DiffParseResult
{
    private DiffParseResult(UnifiedDiff? diff, DiffParseError? error)
    {
        Diff = diff;
        Error = error;
    }

    public UnifiedDiff? Diff { get; }

    public DiffParseError? Error { get; }

    public bool IsSuccess => Diff is not null;

    public static DiffParseResult Success(UnifiedDiff diff) => new(diff, null);

    public static DiffParseResult Failure(int line, string message) => new(null, new DiffParseError(line, message));

    /// <summary>The diff, or an <see cref="InvalidDataException"/> carrying the error, for callers at an edge.</summary>
    public UnifiedDiff GetDiffOrThrow() => Diff ?? throw new InvalidDataException($"Not a valid unified diff: {Error}");
}
