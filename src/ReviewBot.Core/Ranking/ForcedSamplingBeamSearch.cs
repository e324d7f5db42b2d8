using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Ranking;

/// <summary>
/// Forced Sampling Beam Search (McAleese et al., 2024, §7.1): force a highlight, sample n continuations, keep the k
/// best by raw reward, repeat for d rounds, then return the candidate of any round that maximises
/// <c>rm + λ·highlights</c>. With n=4, k=2, d=4 it scores n·(k·(d−1)+1) = 28 candidates.
/// </summary>
public static class ForcedSamplingBeamSearch
{
    public static async Task<SearchResult> SearchAsync(
        ICritiqueSampler sampler,
        IRewardModel rewardModel,
        ChangeContext context,
        RankingOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(rewardModel);
        ArgumentNullException.ThrowIfNull(options);

        var candidates = new List<ScoredCandidate>();
        var roundsRun = 0;
        if (options.Mode == SearchMode.BestOfN)
        {
            // Same sample budget as FSBS, all from the empty critique.
            var budget = options.SamplesPerRound * ((options.BeamWidth * (options.Rounds - 1)) + 1);
            var samples = await sampler.SampleAsync(Critique.Empty, budget, cancellationToken).ConfigureAwait(false);
            await AddScoredAsync(candidates, samples, round: 1, parent: null, rewardModel, context, cancellationToken).ConfigureAwait(false);
            roundsRun = samples.Count > 0 ? 1 : 0;
        }
        else
        {
            var beams = new List<int> { -1 };
            for (var round = 1; round <= options.Rounds && beams.Count > 0; round++)
            {
                var firstOfRound = candidates.Count;
                var expansions = await Task.WhenAll(beams.Select(beam => sampler.SampleAsync(
                    beam < 0 ? Critique.Empty : StripClosing(candidates[beam].Critique),
                    options.SamplesPerRound,
                    cancellationToken))).ConfigureAwait(false);

                for (var b = 0; b < beams.Count; b++)
                {
                    await AddScoredAsync(candidates, expansions[b], round, beams[b] < 0 ? null : beams[b], rewardModel, context, cancellationToken).ConfigureAwait(false);
                }

                if (candidates.Count == firstOfRound)
                {
                    break;
                }

                roundsRun = round;
                beams = TopByRawScore(candidates, firstOfRound, options.BeamWidth);
            }
        }

        var lengthModifier = options.TargetLengthPercentile is { } percentile
            ? LengthCalibration.ModifierForPercentile(candidates, percentile)
            : options.LengthModifier;
        return new SearchResult
        {
            Candidates = candidates,
            ChosenIndex = Choose(candidates, lengthModifier),
            LengthModifier = lengthModifier,
            RoundsRun = roundsRun,
        };
    }

    /// <summary>The index maximising <c>rm + λ·highlights</c>; ties go to the earlier candidate. −1 when empty.</summary>
    public static int Choose(IReadOnlyList<ScoredCandidate> candidates, double lengthModifier)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var best = -1;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < candidates.Count; i++)
        {
            var value = candidates[i].Objective(lengthModifier);
            if (value > bestValue)
            {
                best = i;
                bestValue = value;
            }
        }

        return best;
    }

    private static async Task AddScoredAsync(
        List<ScoredCandidate> candidates,
        IReadOnlyList<Critique> samples,
        int round,
        int? parent,
        IRewardModel rewardModel,
        ChangeContext context,
        CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }

        var scores = await rewardModel.ScoreAsync(context, samples, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < samples.Count; i++)
        {
            candidates.Add(new ScoredCandidate(samples[i], scores[i], round, parent));
        }
    }

    private static List<int> TopByRawScore(List<ScoredCandidate> candidates, int from, int width) =>
        Enumerable.Range(from, candidates.Count - from)
            .OrderByDescending(i => candidates[i].RewardScore)
            .ThenBy(i => i)
            .Take(width)
            .ToList();

    /// <summary>The paper drops a trailing paragraph without a highlight (a closing summary) before forcing again.</summary>
    private static Critique StripClosing(Critique critique) =>
        critique.Closing is null ? critique : critique with { Closing = null };
}
