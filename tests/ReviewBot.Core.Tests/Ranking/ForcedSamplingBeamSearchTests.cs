using System.Globalization;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Core.Tests.Ranking;

/// <summary>
/// Pins the search to the paper (McAleese et al., 2024, §7.1) using the real offline sampler and the heuristic
/// reward model, with enough findings that no round runs dry.
/// </summary>
public sealed class ForcedSamplingBeamSearchTests
{
    private static readonly ChangeContext Context = new() { Diff = UnifiedDiff.Empty };

    [Fact]
    public async Task SearchAsync_PaperDefaults_ScoresExactly28Candidates()
    {
        var result = await SearchAsync(new RankingOptions(), seed: 1);

        Assert.Equal(4 * ((2 * (4 - 1)) + 1), result.Candidates.Count);
        Assert.Equal(28, result.Candidates.Count);
        Assert.Equal(4, result.RoundsRun);
        Assert.Equal(4, result.Candidates.Count(static c => c.Round == 1));
        Assert.All(Enumerable.Range(2, 3), round => Assert.Equal(8, result.Candidates.Count(c => c.Round == round)));
    }

    [Theory]
    [InlineData(3, 1, 5)]
    [InlineData(4, 4, 3)]
    [InlineData(5, 2, 2)]
    public async Task SearchAsync_OtherShapes_ScoreNTimesKTimesDMinusOnePlusOne(int n, int k, int d)
    {
        var result = await SearchAsync(new RankingOptions { SamplesPerRound = n, BeamWidth = k, Rounds = d }, seed: 7);

        Assert.Equal(n * ((k * (d - 1)) + 1), result.Candidates.Count);
    }

    [Fact]
    public async Task SearchAsync_Beams_AreTheTopKOfThePreviousRoundByRawScore()
    {
        // A large λ would favour long critiques; beams must still be chosen by the raw reward alone.
        var result = await SearchAsync(new RankingOptions { LengthModifier = 50 }, seed: 3);

        for (var round = 2; round <= result.RoundsRun; round++)
        {
            var previous = result.Candidates.Select((c, i) => (c, i)).Where(x => x.c.Round == round - 1).ToList();
            var expected = previous.OrderByDescending(static x => x.c.RewardScore).ThenBy(static x => x.i).Take(2).Select(static x => x.i).ToHashSet();
            var parents = result.Candidates.Where(c => c.Round == round).Select(static c => c.Parent!.Value).ToHashSet();
            Assert.Equal(expected, parents);
        }
    }

    [Fact]
    public async Task SearchAsync_Continuations_ExtendTheirBeam()
    {
        var result = await SearchAsync(new RankingOptions(), seed: 5);

        foreach (var candidate in result.Candidates.Where(static c => c.Parent is not null))
        {
            var parent = result.Candidates[candidate.Parent!.Value].Critique;
            Assert.True(candidate.Critique.Count > parent.Count);
            Assert.Equal(parent.Highlights, candidate.Critique.Highlights.Take(parent.Count));
        }
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(2.0)]
    public async Task SearchAsync_Choice_MaximisesRewardPlusLambdaTimesHighlightsOverAllRounds(double lambda)
    {
        var result = await SearchAsync(new RankingOptions { LengthModifier = lambda }, seed: 11);

        var best = result.Candidates.Max(c => c.RewardScore + (lambda * c.Critique.Count));
        Assert.Equal(best, result.Candidates[result.ChosenIndex].Objective(lambda), precision: 12);
        Assert.Equal(lambda, result.LengthModifier);
    }

    [Fact]
    public async Task SearchAsync_ExtremeLambdas_ChooseFewestAndMostHighlights()
    {
        var low = await SearchAsync(new RankingOptions { LengthModifier = -100 }, seed: 2);
        var high = await SearchAsync(new RankingOptions { LengthModifier = 100 }, seed: 2);

        Assert.Equal(low.Candidates.Min(static c => c.Critique.Count), low.Chosen.Count);
        Assert.Equal(high.Candidates.Max(static c => c.Critique.Count), high.Chosen.Count);
        Assert.True(high.Chosen.Count > low.Chosen.Count);
    }

    [Fact]
    public async Task SearchAsync_SameSeed_SameCandidatesAndChoice()
    {
        var first = await SearchAsync(new RankingOptions(), seed: 9);
        var second = await SearchAsync(new RankingOptions(), seed: 9);

        Assert.Equal(first.ChosenIndex, second.ChosenIndex);
        Assert.Equal(first.Candidates.Select(static c => c.RewardScore), second.Candidates.Select(static c => c.RewardScore));
    }

    [Fact]
    public async Task SearchAsync_NoFindings_ChoosesNothing()
    {
        await using var sampler = new FindingSampler([], seed: 0);
        var result = await ForcedSamplingBeamSearch.SearchAsync(sampler, new HeuristicRewardModel(), Context, new RankingOptions(), CancellationToken.None);

        Assert.Empty(result.Candidates);
        Assert.Equal(-1, result.ChosenIndex);
        Assert.Equal(0, result.Chosen.Count);
    }

    [Fact]
    public async Task SearchAsync_BestOfN_SpendsTheSameSampleBudgetFromTheEmptyCritique()
    {
        var result = await SearchAsync(new RankingOptions { Mode = SearchMode.BestOfN }, seed: 4);

        Assert.Equal(28, result.Candidates.Count);
        Assert.All(result.Candidates, static c => Assert.Null(c.Parent));
    }

    [Fact]
    public async Task SearchAsync_TargetPercentile_PicksLengthsThatGrowWithThePercentile()
    {
        var lengths = new List<int>();
        foreach (var percentile in new[] { 10.0, 50.0, 90.0 })
        {
            var result = await SearchAsync(new RankingOptions { TargetLengthPercentile = percentile }, seed: 6);
            lengths.Add(result.Chosen.Count);
        }

        Assert.True(lengths[0] <= lengths[1] && lengths[1] <= lengths[2], string.Join(",", lengths));
        Assert.True(lengths[2] > lengths[0]);
    }

    private static async Task<SearchResult> SearchAsync(RankingOptions options, int seed)
    {
        await using var sampler = new FindingSampler(Findings(24, seed), seed);
        return await ForcedSamplingBeamSearch.SearchAsync(sampler, new HeuristicRewardModel(), Context, options, CancellationToken.None);
    }

    /// <summary>Findings of every kind with spread confidences, so the reward model orders critiques in many ways.</summary>
    private static List<Highlight> Findings(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<FindingKind>();
        return Enumerable.Range(1, count).Select(i => new Highlight
        {
            Path = "src/File" + (i % 3).ToString(CultureInfo.InvariantCulture) + ".cs",
            StartLine = i,
            EndLine = i,
            Quote = "var x" + i.ToString(CultureInfo.InvariantCulture) + " = 1;",
            Comment = "finding " + i.ToString(CultureInfo.InvariantCulture),
            Kind = kinds[i % kinds.Length],
            RuleId = "RB" + (i % 5).ToString("0000", CultureInfo.InvariantCulture),
            Confidence = Math.Round(0.2 + (0.8 * random.NextDouble()), 3),
        }).ToList();
    }
}
