using ReviewBot.Core.Critiques;
using ReviewBot.Ranking.Features;

namespace ReviewBot.Ranking.Tests.Features;

public sealed class CritiqueFeatureExtractorTests
{


    [Fact]
    public void Blocks_CoverEveryFeatureOnce()
    {
        var covered = CritiqueFeatureExtractor.Blocks.SelectMany(static b => Enumerable.Range(b.Start, b.Length)).ToList();

        Assert.Equal(Enumerable.Range(0, CritiqueFeatureExtractor.Dimension), covered);
        Assert.Equal(CritiqueFeatureExtractor.Dimension, CritiqueFeatureExtractor.Schema.Dimension);
    }

    [Fact]
    public void Extract_EmptyCritique_OnlyCountsAndChangeFeatures()
    {
        var features = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), Critique.Empty);

        Assert.Equal(CritiqueFeatureExtractor.Dimension, features.Length);
        Assert.Equal(0, features[0]);
        Assert.Equal(1, features[2]);
        Assert.Equal((float)Math.Log(13), features[44]);
        Assert.Equal([0, 1, 2, 44, 45, 46], Enumerable.Range(0, features.Length).Where(i => features[i] != 0 || i is 0 or 1).ToArray());
    }

    [Fact]
    public void Extract_KindsConfidenceAndAddedLines_Aggregated()
    {
        var critique = new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.8), SyntheticPairs.Bad(1, 0.4)] };

        var f = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), critique);

        Assert.Equal(2, f[0]);
        Assert.Equal(1, f[3 + (int)FindingKind.Bug]);
        Assert.Equal(1, f[3 + (int)FindingKind.Style]);
        Assert.Equal(0.5f, f[8 + (int)FindingKind.Bug]);
        Assert.Equal(1.2f, f[13], 1e-6);
        Assert.Equal(0.6f, f[14], 1e-6);
        Assert.Equal(0.8f, f[15], 1e-6);
        Assert.Equal(0.4f, f[16], 1e-6);
        Assert.Equal(1, f[17]);
        Assert.Equal(1, f[19]);
        Assert.Equal(2, f[28]);
        Assert.Equal(1, f[31]);
    }

    [Fact]
    public void Extract_HedgingComment_CountsHedgingWords()
    {
        var hedged = new Critique { Highlights = [SyntheticPairs.Bad(1, 0.5)] };
        var plain = new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.5)] };

        var h = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), hedged);
        var p = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), plain);

        Assert.Equal(1, h[26]);
        Assert.Equal(4, h[27]);
        Assert.Equal(0, p[26]);
        Assert.Equal(0, p[27]);
    }

    [Fact]
    public void Extract_QuoteNotInDiffAndUnknownFile_Counted()
    {
        var invented = SyntheticPairs.Good(1, 5, 0.9) with { Quote = "return items.Length;" };
        var elsewhere = SyntheticPairs.Good(1, 5, 0.9) with { Path = "src/Other.cs" };

        var f = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), new Critique { Highlights = [invented, elsewhere] });

        Assert.Equal(1, f[32]);
        Assert.Equal(1, f[33]);
        Assert.Equal(0, f[31]);
    }

    [Fact]
    public void Extract_DuplicateHighlights_CountedAsRepetition()
    {
        var good = SyntheticPairs.Good(1, 5, 0.9);

        var f = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), new Critique { Highlights = [good, good, SyntheticPairs.Good(1, 7, 0.9)] });

        Assert.Equal(1, f[37]);
        Assert.Equal(1, f[39]);
    }

    [Fact]
    public void Extract_EdgeDistance_MeasuredFromNearestHunkEdge()
    {
        // The hunk covers new lines 1..16; line 5 is 4 lines from its start, line 15 is 1 line from its end.
        var f = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.9), SyntheticPairs.Good(1, 15, 0.9)] });

        Assert.Equal((float)((Math.Log(5) + Math.Log(2)) / 2), f[35], 1e-6);
        Assert.Equal((float)Math.Log(2), f[36], 1e-6);
    }

    [Fact]
    public void Extract_SameInput_SameVector_AndCommentWordsMoveHashedBuckets()
    {
        var context = SyntheticPairs.Context(1);
        var critique = new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.9)] };
        var reworded = new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.9) with { Comment = "Division by zero when the list is empty." }] };

        var first = CritiqueFeatureExtractor.Extract(context, critique);
        var second = CritiqueFeatureExtractor.Extract(context, critique);
        var third = CritiqueFeatureExtractor.Extract(context, reworded);

        Assert.Equal(first, second);
        Assert.Equal(first[..CritiqueFeatureExtractor.WordStart], third[..CritiqueFeatureExtractor.WordStart].Select((v, i) => i is 23 or 24 or 25 ? first[i] : v));
        Assert.NotEqual(first[CritiqueFeatureExtractor.WordStart..], third[CritiqueFeatureExtractor.WordStart..]);
    }

    [Fact]
    public void Extract_SameHighlightAgainstAnotherDiff_RecomputesGrounding()
    {
        // Per-highlight features are cached beside the highlight; the cache must not leak across diffs.
        var critique = new Critique { Highlights = [SyntheticPairs.Good(1, 5, 0.9)] };

        var inItsDiff = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), critique);
        var elsewhere = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(2), critique);
        var again = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), critique);

        Assert.Equal(1, inItsDiff[31]);
        Assert.Equal(1, elsewhere[33]);
        Assert.Equal(0, elsewhere[31]);
        Assert.Equal(inItsDiff, again);
    }

    [Fact]
    public void Extract_WrongSpanLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(1), Critique.Empty, new float[10]));
    }
}
