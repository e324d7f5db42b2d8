using System.Globalization;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Cli.Eval;

/// <summary>One way of choosing the final critique: a search mode with a fixed λ or a target length percentile.</summary>
internal sealed record RunSetting(SearchMode Mode, double LengthModifier, double? Percentile)
{
    /// <summary>λ values of a sweep, from very precise to very talkative.</summary>
    public static IReadOnlyList<double> DefaultLambdas { get; } = [-2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2];

    /// <summary>Target length percentiles of a sweep (the paper's four and the 90th).</summary>
    public static IReadOnlyList<double> DefaultPercentiles { get; } = [10, 25, 50, 75, 90];

    public string Label => Percentile is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"p{p:0.#}")
        : string.Create(CultureInfo.InvariantCulture, $"λ={LengthModifier:0.###}");

    public string ModeName => Mode == SearchMode.Fsbs ? "fsbs" : "best-of-n";

    public static RunSetting From(RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RunSetting(options.Mode, options.LengthModifier, options.TargetLengthPercentile);
    }

    /// <summary>The configured options with this setting's mode, λ and percentile.</summary>
    public RankingOptions Apply(RankingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RankingOptions
        {
            ModelPath = options.ModelPath,
            LengthModifier = LengthModifier,
            TargetLengthPercentile = Percentile,
            SamplesPerRound = options.SamplesPerRound,
            BeamWidth = options.BeamWidth,
            Rounds = options.Rounds,
            Mode = Mode,
            MaxComments = options.MaxComments,
            MinScore = options.MinScore,
            Seed = options.Seed,
        };
    }

    /// <summary>The default setting first, then, for FSBS and best-of-N alike, every λ and every percentile.</summary>
    public static List<RunSetting> Sweep(RunSetting baseline, IReadOnlyList<double> lambdas, IReadOnlyList<double> percentiles)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var settings = new List<RunSetting> { baseline };
        foreach (var mode in new[] { SearchMode.Fsbs, SearchMode.BestOfN })
        {
            settings.AddRange(lambdas.Select(l => new RunSetting(mode, l, null)));
            settings.AddRange(percentiles.Select(p => new RunSetting(mode, 0, p)));
        }

        return settings;
    }
}
