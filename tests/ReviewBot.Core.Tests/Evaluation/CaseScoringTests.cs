using ReviewBot.Core.Evaluation;

namespace ReviewBot.Core.Tests.Evaluation;

public sealed class CaseScoringTests
{
    [Fact]
    public void Score_CommentQuotingTheTamperedLines_CatchesTheBug()
    {
        var score = CaseScoring.Score(EvalFixtures.Tamper, EvalFixtures.Review(13));
        var summary = EvalSummary.From([(EvalFixtures.Tamper, score)]);

        Assert.True(score.Caught);
        Assert.False(score.Hallucinated);
        Assert.Equal(1.0, summary.Cbi);
        Assert.Equal(0.0, summary.HallucinationRate);
    }

    [Fact]
    public void Score_CommentElsewhere_MissesAndCountsAHallucination()
    {
        var score = CaseScoring.Score(EvalFixtures.Tamper, EvalFixtures.Review(12));
        var summary = EvalSummary.From([(EvalFixtures.Tamper, score)]);

        Assert.False(score.Caught);
        Assert.True(score.Hallucinated);
        Assert.Equal(0.0, summary.Cbi);
        Assert.Equal(1.0, summary.HallucinationRate);
        Assert.Equal(1.0, summary.CommentsPerReview);
    }

    [Fact]
    public void Score_MultiLineCommentSpanningTheBug_Catches()
    {
        var review = EvalFixtures.Review() with
        {
            Comments = [EvalFixtures.Review(14).Comments[0] with { StartLine = 12, Line = 14 }],
        };

        Assert.True(CaseScoring.Score(EvalFixtures.Tamper, review).Caught);
    }

    [Fact]
    public void Score_SilentReviewOfAControl_CountsSilenceAndNoHallucination()
    {
        var silent = CaseScoring.Score(EvalFixtures.Control, EvalFixtures.Review());
        var noisy = CaseScoring.Score(EvalFixtures.Control, EvalFixtures.Review(12));
        var summary = EvalSummary.From([(EvalFixtures.Control, silent), (EvalFixtures.Control, noisy)]);

        Assert.True(silent.Silent);
        Assert.False(silent.Hallucinated);
        Assert.True(noisy.Hallucinated);
        Assert.Equal(0.5, summary.SilenceRate);
        Assert.Equal(0.5, summary.ControlHallucinationRate);
        Assert.Equal(0, summary.Tampers);
        Assert.Equal(0.0, summary.Cbi);
    }

    [Fact]
    public void ByKind_MixedResults_OneSummaryPerKindWithoutControls()
    {
        var other = EvalFixtures.Tamper with { Id = "t0002-plus-minus", Kind = "plus-minus" };
        var byKind = EvalSummary.ByKind(
        [
            (EvalFixtures.Tamper, CaseScoring.Score(EvalFixtures.Tamper, EvalFixtures.Review(13))),
            (other, CaseScoring.Score(other, EvalFixtures.Review())),
            (EvalFixtures.Control, CaseScoring.Score(EvalFixtures.Control, EvalFixtures.Review(12))),
        ]);

        Assert.Equal(["boundary-flip", "plus-minus"], byKind.Select(static k => k.Kind));
        Assert.Equal(1.0, byKind[0].Summary.Cbi);
        Assert.Equal(0.0, byKind[1].Summary.Cbi);
        Assert.All(byKind, static k => Assert.Equal((1, 0), (k.Summary.Tampers, k.Summary.Controls)));
    }

    [Fact]
    public void Score_CandidateOnTheBugButNothingPosted_CountsOnlyAsCandidate()
    {
        var review = EvalFixtures.Review(13) with { Comments = [] };

        var score = CaseScoring.Score(EvalFixtures.Tamper, review);

        Assert.True(score.CandidateCaught);
        Assert.False(score.Caught);
        Assert.True(score.Silent);
    }
}
