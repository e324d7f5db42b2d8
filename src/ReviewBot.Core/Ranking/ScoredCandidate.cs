using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Ranking;

/// <summary>A candidate critique as the search saw it.</summary>
/// <param name="Critique">The candidate.</param>
/// <param name="RewardScore">Its raw reward model score.</param>
/// <param name="Round">1-based round in which it was sampled.</param>
/// <param name="Parent">Index (in the candidate list) of the beam it continued; null in round 1.</param>
public sealed record ScoredCandidate(Critique Critique, double RewardScore, int Round, int? Parent)
{
    /// <summary>The final objective: <c>rm + λ·highlights</c>.</summary>
    public double Objective(double lengthModifier) => RewardScore + (lengthModifier * Critique.Count);
}

/// <summary>The result of one search: every candidate and the chosen one.</summary>
public sealed record SearchResult
{
    public required IReadOnlyList<ScoredCandidate> Candidates { get; init; }

    /// <summary>Index of the chosen candidate, or −1 when there was none (the critic had nothing to say).</summary>
    public required int ChosenIndex { get; init; }

    /// <summary>The λ the choice was made with (the calibrated one when a target percentile was asked for).</summary>
    public required double LengthModifier { get; init; }

    public required int RoundsRun { get; init; }

    public Critique Chosen => ChosenIndex >= 0 ? Candidates[ChosenIndex].Critique : Critique.Empty;
}
