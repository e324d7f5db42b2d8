using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Ranking;

/// <summary>
/// A deterministic stand-in for a trained reward model, used when no ONNX model is available. Each highlight adds
/// its confidence-weighted value for its kind, minus a fixed cost that stands for a reader's attention, so
/// low-confidence and stylistic findings lower a critique's score and repeated findings of one rule count less.
/// </summary>
public sealed class HeuristicRewardModel : IRewardModel
{
    /// <summary>What one comment costs a reader; a finding must be worth more than this to raise the score.</summary>
    public const double AttentionCost = 0.35;

    public string Version => "heuristic-v1";

    public ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(critiques);
        var scores = new double[critiques.Count];
        for (var i = 0; i < critiques.Count; i++)
        {
            scores[i] = Score(critiques[i]);
        }

        return ValueTask.FromResult<IReadOnlyList<double>>(scores);
    }

    public static double Score(Critique critique)
    {
        ArgumentNullException.ThrowIfNull(critique);
        var seenRules = new Dictionary<string, int>(StringComparer.Ordinal);
        var score = 0.0;
        foreach (var highlight in critique.Highlights)
        {
            var rule = highlight.RuleId ?? highlight.Kind.ToString();
            var repeats = seenRules.GetValueOrDefault(rule);
            seenRules[rule] = repeats + 1;
            var value = (KindWeight(highlight.Kind) * highlight.Confidence) + (highlight.OnAddedLine ? 0 : -0.5);
            score += (value * Math.Pow(0.5, repeats)) - AttentionCost;
        }

        return score;
    }

    private static double KindWeight(FindingKind kind) => kind switch
    {
        FindingKind.Security => 1.3,
        FindingKind.Bug => 1.2,
        FindingKind.Performance => 0.8,
        FindingKind.Maintainability => 0.6,
        _ => 0.35,
    };
}
