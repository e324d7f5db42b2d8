namespace ReviewBot.Core.Ranking;

/// <summary>
/// Turns a target length percentile into a length modifier λ, as the paper calibrated its four settings: the λ whose
/// chosen critique's highlight count is closest to that percentile of the lengths seen in the search.
/// </summary>
public static class LengthCalibration
{
    public static double ModifierForPercentile(IReadOnlyList<ScoredCandidate> candidates, double percentile)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var lengths = candidates.Select(static c => c.Critique.Count).Order().ToArray();
        var rank = Math.Clamp(percentile / 100.0, 0, 1) * (lengths.Length - 1);
        var target = lengths[(int)Math.Round(rank, MidpointRounding.AwayFromZero)];

        // The chosen length grows monotonically with λ; scan the breakpoints where the choice can change.
        var best = 0.0;
        var bestDistance = int.MaxValue;
        foreach (var lambda in Breakpoints(candidates))
        {
            var chosen = ForcedSamplingBeamSearch.Choose(candidates, lambda);
            var distance = Math.Abs(candidates[chosen].Critique.Count - target);
            if (distance < bestDistance || (distance == bestDistance && Math.Abs(lambda) < Math.Abs(best)))
            {
                best = lambda;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static IEnumerable<double> Breakpoints(IReadOnlyList<ScoredCandidate> candidates)
    {
        yield return 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            for (var j = i + 1; j < candidates.Count; j++)
            {
                var dn = candidates[i].Critique.Count - candidates[j].Critique.Count;
                if (dn != 0)
                {
                    // Where the two objectives cross, nudged to either side so the choice is unambiguous.
                    var crossing = (candidates[j].RewardScore - candidates[i].RewardScore) / dn;
                    yield return crossing + 1e-6;
                    yield return crossing - 1e-6;
                }
            }
        }
    }
}
