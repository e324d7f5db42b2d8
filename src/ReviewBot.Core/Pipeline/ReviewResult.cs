using ReviewBot.Core.Critiques;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Core.Pipeline;

/// <summary>One inline comment of a review, placed on new-side lines that lie inside a hunk.</summary>
public sealed record ReviewComment
{
    public required string Path { get; init; }

    /// <summary>The new-side line the comment is attached to (the last line of the quote).</summary>
    public required int Line { get; init; }

    /// <summary>The first line of a multi-line comment; null for a single line.</summary>
    public int? StartLine { get; init; }

    /// <summary><c>RIGHT</c> (new side); ReviewBot comments only on what the change introduces.</summary>
    public string Side { get; init; } = "RIGHT";

    public required string Quote { get; init; }

    /// <summary>The comment as posted (sanitized, without hidden markers).</summary>
    public required string Body { get; init; }

    public required FindingKind Kind { get; init; }

    /// <summary>The reward model's score of this highlight on its own.</summary>
    public required double Score { get; init; }

    public string? RuleId { get; init; }

    public HighlightSource Source { get; init; }

    /// <summary>Path + normalized quote + kind: identifies the finding across pushes, independent of line numbers.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The highlight the comment was made from, as the critic wrote it (its exact critique text is a dataset completion).</summary>
    public Highlight? Highlight { get; init; }
}

/// <summary>A finding that could not be placed on a line of the diff; it goes into the review body.</summary>
public sealed record FileNote(string Path, string Body);

/// <summary>Counters of one review run.</summary>
public sealed record ReviewStats
{
    public int Files { get; init; }

    public int Hunks { get; init; }

    public int Candidates { get; init; }

    public int DroppedHallucinations { get; init; }

    public long ElapsedMs { get; init; }

    public int Rounds { get; init; }

    public int SamplesPerRound { get; init; }

    public int BeamWidth { get; init; }

    public double LengthModifier { get; init; }

    public int MalformedAnswers { get; init; }

    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    /// <summary>Requests sent to a language model (0 offline).</summary>
    public int Requests { get; init; }

    /// <summary>Secrets masked in the change before any prompt was built.</summary>
    public int RedactedSecrets { get; init; }

    /// <summary>The per-review token budget ran out and sampling stopped early.</summary>
    public bool BudgetExhausted { get; init; }

    /// <summary>
    /// Every request to the model failed or came back unusable: the review's silence means nothing, so it must not
    /// be posted as if the change were clean.
    /// </summary>
    public bool CriticUnavailable => Requests > 0 && MalformedAnswers >= Requests;
}

/// <summary>What produced a review, so that any stored row can be rebuilt.</summary>
public sealed record ReviewProvenance
{
    public required string Critic { get; init; }

    public required string RewardModel { get; init; }

    public string? PromptVersion { get; init; }

    public required int Seed { get; init; }

    public required SearchMode SearchMode { get; init; }

    /// <summary>What the critic saw (redacted), so the exact prompt can be rebuilt; null only for results made by hand.</summary>
    public CriticInput? Input { get; init; }
}

/// <summary>The review ReviewBot would post, with everything needed to explain it.</summary>
public sealed record ReviewResult
{
    public required IReadOnlyList<ReviewComment> Comments { get; init; }

    public IReadOnlyList<FileNote> FileNotes { get; init; } = [];

    public required string Summary { get; init; }

    public required ReviewStats Stats { get; init; }

    public required ReviewProvenance Provenance { get; init; }

    /// <summary>Every candidate the search scored; kept for provenance and training data.</summary>
    public IReadOnlyList<ScoredCandidate> Candidates { get; init; } = [];
}
