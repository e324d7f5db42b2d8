using ReviewBot.Core.Critiques;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Ranking.RewardPairs;

namespace ReviewBot.Core.Tests.Evaluation;

public sealed class TamperPairsTests
{
    [Fact]
    public void Gold_Tamper_QuotesTheBugLineWithTheNote()
    {
        var gold = TamperPairs.Gold(EvalFixtures.Tamper, EvalFixtures.Diff)!;

        Assert.Equal(13, gold.StartLine);
        Assert.Equal("        for (var i = 0; i <= values.Length; i++)", gold.Quote);
        Assert.Equal(EvalFixtures.Tamper.Gold, gold.Comment);
        Assert.True(gold.OnAddedLine);
    }

    [Fact]
    public void Build_CatchingAndMissingFindings_CatchingAlwaysWins()
    {
        var catching = EvalFixtures.Highlight(13);
        var missing = EvalFixtures.Highlight(12, "Comment restates the code.", "RB1001");

        var pairs = TamperPairs.Build(EvalFixtures.Tamper, EvalFixtures.Diff, [catching, missing]);

        Assert.NotEmpty(pairs);
        Assert.All(pairs, p => Assert.Null(RewardPairsFile.Validate(p)));
        Assert.All(pairs, p => Assert.Equal(EvalFixtures.Tamper.Id, p.Group));
        foreach (var pair in pairs)
        {
            // The chosen side never has fewer highlights on the bug, nor more off it.
            Assert.True(OnBug(pair.Chosen) >= OnBug(pair.Rejected), pair.Id);
            Assert.True(OffBug(pair.Chosen) <= OffBug(pair.Rejected), pair.Id);
        }

        Assert.Contains(pairs, p => p.Chosen.Highlights.Count == 1 && p.Chosen.Highlights[0].RuleId == "RB0009" && p.Rejected.Highlights.Count == 0);
        Assert.Contains(pairs, p => p.Chosen.Highlights.Count == 1 && p.Rejected.Highlights.Count == 2);
        Assert.Contains(pairs, p => p.Chosen.Highlights.Count == 0 && p.Rejected.Highlights.Single().RuleId == "RB1001");
    }

    [Fact]
    public void Build_Control_EveryFindingLosesToSilence()
    {
        var pairs = TamperPairs.Build(EvalFixtures.Control, EvalFixtures.Diff, [EvalFixtures.Highlight(12, "Nit.", "RB1001")]);

        var pair = Assert.Single(pairs);
        Assert.Empty(pair.Chosen.Highlights);
        Assert.Single(pair.Rejected.Highlights);
    }

    [Fact]
    public void Build_SameInput_SamePairs()
    {
        var first = TamperPairs.Build(EvalFixtures.Tamper, EvalFixtures.Diff, [EvalFixtures.Highlight(13)]).Select(RewardPairsFile.Format);
        var second = TamperPairs.Build(EvalFixtures.Tamper, EvalFixtures.Diff, [EvalFixtures.Highlight(13)]).Select(RewardPairsFile.Format);

        Assert.Equal(first, second);
    }

    private static int OnBug(RewardPairCritique critique) => critique.Highlights.Count(h => CaseScoring.Overlaps(EvalFixtures.Tamper, h.Path, h.StartLine, h.EndLine) && h.Kind != FindingKind.Style);

    private static int OffBug(RewardPairCritique critique) => critique.Highlights.Count(h => !CaseScoring.Overlaps(EvalFixtures.Tamper, h.Path, h.StartLine, h.EndLine) || h.Kind == FindingKind.Style);
}
