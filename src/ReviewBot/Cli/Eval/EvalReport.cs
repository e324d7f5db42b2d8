using ReviewBot.Core.Evaluation;

namespace ReviewBot.Cli.Eval;

/// <summary>The report of <c>reviewbot eval tamper</c>. Its JSON shape only ever gains fields.</summary>
internal sealed record EvalReport
{
    public required string Source { get; init; }

    public required int Seed { get; init; }

    public required string Critic { get; init; }

    public required string RewardModel { get; init; }

    /// <summary>The default setting every headline figure is measured at, e.g. <c>fsbs λ=0</c>.</summary>
    public required string Setting { get; init; }

    public string? JudgePrompt { get; init; }

    public required GenerationInfo Generation { get; init; }

    public required EvalSummary Overall { get; init; }

    public required IReadOnlyList<KindRow> ByKind { get; init; }

    /// <summary>With <c>--sweep</c>: every setting, FSBS and best-of-N; otherwise empty.</summary>
    public required IReadOnlyList<SweepRow> Sweep { get; init; }

    /// <summary>How often the reward model prefers the chosen critique of this run's cold-start pairs.</summary>
    public required PairAccuracy RewardModelPairs { get; init; }

    public required TimingInfo Timing { get; init; }

    public required IReadOnlyList<CaseRow> Cases { get; init; }
}

internal sealed record GenerationInfo(int Files, int Tampers, int Controls, int RejectedByCompiler, IReadOnlyDictionary<string, int> SitesByKind);

/// <summary>
/// The reward model against this run's cold-start pairs: the share where it scores the chosen critique higher (a tie
/// counts half). On tampers it was not trained on, this is its held-out pairwise accuracy.
/// </summary>
internal sealed record PairAccuracy(int Pairs, double Accuracy);

internal sealed record KindRow(string Kind, EvalSummary Summary);

internal sealed record SweepRow(string Mode, string Setting, double LengthModifier, double? Percentile, EvalSummary Summary);

/// <summary>Wall-clock figures; the only part of the report that differs between two runs with the same seed.</summary>
/// <remarks><see cref="CpuMs"/> is the process's processor time: on a busy machine it says what the run cost when wall-clock cannot.</remarks>
internal sealed record TimingInfo(long GenerationMs, long ReviewMs, long TotalMs, long CpuMs, int Reviews, int PipelineRuns, int Parallelism, double MsPerCase);

/// <summary>One case at the default setting.</summary>
internal sealed record CaseRow(
    string Id,
    string? Kind,
    string Path,
    string? Member,
    IReadOnlyList<int> Lines,
    string Description,
    int Comments,
    bool Caught,
    bool Hallucinated,
    bool CandidateCaught,
    bool? JudgedCaught,
    IReadOnlyList<string> CommentedLines);
