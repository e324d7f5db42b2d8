using ReviewBot.Core.Critiques;
using ReviewBot.Core.Ranking.RewardPairs;

namespace ReviewBot.Core.Tests.Ranking.RewardPairs;

public sealed class RewardPairsFileTests
{
    private static readonly RewardPair Pair = new()
    {
        Id = "p1",
        Group = "octo/repo#7",
        Source = RewardPairSource.Feedback,
        Weight = 2,
        Diff = "diff --git a/a.cs b/a.cs\n",
        Chosen = new RewardPairCritique
        {
            Highlights =
            [
                new RewardPairHighlight
                {
                    Path = "a.cs", StartLine = 3, EndLine = 4, Quote = "x = y;", Comment = "y can be null here.",
                    Kind = FindingKind.Security, Source = HighlightSource.Llm, RuleId = "RB0001", Confidence = 0.75, OnAddedLine = true,
                },
            ],
        },
        Rejected = new RewardPairCritique { Highlights = [] },
    };

    [Fact]
    public void Format_Pair_UsesCamelCaseAndLowerCaseEnumNames()
    {
        var line = RewardPairsFile.Format(Pair);

        Assert.DoesNotContain('\n', line);
        Assert.Contains("\"source\":\"feedback\"", line, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"security\"", line, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"llm\"", line, StringComparison.Ordinal);
        Assert.Contains("\"startLine\":3", line, StringComparison.Ordinal);
        Assert.Contains("\"onAddedLine\":true", line, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\":\"RB0001\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrittenPairs_RoundTrip()
    {
        using var writer = new StringWriter();
        RewardPairsFile.Write(writer, [Pair, Pair with { Id = "p2" }]);

        var read = RewardPairsFile.Read(new StringReader(writer.ToString()));

        Assert.Empty(read.Errors);
        Assert.Equal(2, read.Pairs.Count);
        var (line, pair) = read.Pairs[0];
        Assert.Equal(1, line);
        Assert.Equal(Pair.Id, pair.Id);
        Assert.Equal(Pair.Chosen.Highlights, pair.Chosen.Highlights);
        Assert.Equal("p2", read.Pairs[1].Pair.Id);
    }

    [Fact]
    public void Read_BadLines_CountedWithLineNumbersAndRestKept()
    {
        var good = RewardPairsFile.Format(Pair);
        var text = string.Join('\n',
            good,
            "not json",
            "",
            good.Replace("\"kind\":\"security\"", "\"kind\":\"severe\"", StringComparison.Ordinal),
            good.Replace("\"weight\":2", "\"weight\":-1", StringComparison.Ordinal),
            good.Replace("\"group\":\"octo/repo#7\",", "", StringComparison.Ordinal),
            good.Replace("\"kind\":\"security\"", "\"kind\":1", StringComparison.Ordinal),
            good.Replace("\"confidence\":0.75", "\"confidence\":1.5", StringComparison.Ordinal),
            good.Replace("\"diff\":\"diff --git a/a.cs b/a.cs\\n\"", "\"diff\":null", StringComparison.Ordinal),
            good);

        var read = RewardPairsFile.Read(new StringReader(text));

        Assert.Equal([1, 10], read.Pairs.Select(static p => p.Line));
        Assert.Equal([2, 4, 5, 6, 7, 8, 9], read.Errors.Select(static e => e.Line));
        Assert.Contains("weight", read.Errors.Single(static e => e.Line == 5).Message, StringComparison.Ordinal);
        Assert.Contains("confidence", read.Errors.Single(static e => e.Line == 8).Message, StringComparison.Ordinal);
        Assert.Equal(9, read.LineCount);
    }

    [Fact]
    public void ToCritique_Highlight_KeepsEveryField()
    {
        var highlight = Pair.Chosen.ToCritique().Highlights.Single();

        Assert.Equal(Pair.Chosen.Highlights[0], RewardPairHighlight.From(highlight));
        Assert.Equal(FindingKind.Security, highlight.Kind);
        Assert.Equal(0.75, highlight.Confidence);
    }
}
