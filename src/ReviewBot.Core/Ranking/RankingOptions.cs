using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Core.Ranking;

/// <summary>How candidates are searched for.</summary>
public enum SearchMode
{
    /// <summary>Forced Sampling Beam Search (the paper's method).</summary>
    Fsbs,

    /// <summary>Baseline: sample the same number of candidates from the empty critique and keep the best.</summary>
    BestOfN,
}

/// <summary>Options of the search and the noise budget. Section <c>Ranking</c>.</summary>
public sealed class RankingOptions
{
    public const string SectionName = "Ranking";

    /// <summary>Path of an ONNX reward model; empty uses the model shipped with ReviewBot (or the heuristic scorer).</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// λ in <c>rm + λ·highlights</c>: larger favours more highlights (recall), smaller fewer (precision). Default 0.
    /// </summary>
    [Range(-100.0, 100.0)]
    public double LengthModifier { get; set; }

    /// <summary>
    /// When set, λ is chosen per review so the answer's length sits at this percentile (0–100) of the candidate
    /// lengths, as the paper calibrated it. Overrides <see cref="LengthModifier"/>.
    /// </summary>
    [Range(0.0, 100.0)]
    public double? TargetLengthPercentile { get; set; }

    /// <summary>n: continuations sampled per beam per round. Default 4.</summary>
    [Range(1, 64)]
    public int SamplesPerRound { get; set; } = 4;

    /// <summary>k: beams kept per round. Default 2.</summary>
    [Range(1, 16)]
    public int BeamWidth { get; set; } = 2;

    /// <summary>d: rounds. Default 4.</summary>
    [Range(1, 16)]
    public int Rounds { get; set; } = 4;

    /// <summary>Fsbs (default) or BestOfN.</summary>
    public SearchMode Mode { get; set; } = SearchMode.Fsbs;

    /// <summary>Most inline comments in one review. Default 4.</summary>
    [Range(0, 50)]
    public int MaxComments { get; set; } = 4;

    /// <summary>A highlight whose own reward score is below this is not posted. Default 0.</summary>
    [Range(-1000.0, 1000.0)]
    public double MinScore { get; set; }

    /// <summary>Seed of every random choice in the search; the same seed and input give the same review. Default 0.</summary>
    public int Seed { get; set; }
}
