using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Text;

namespace ReviewBot.Core.Tests.Critiques.Text;

public sealed class HighlightResolverTests
{
    private static ParsedHighlight Parsed(string quote, string comment = "Wrong.", string? path = null, int? start = null) =>
        new() { Quote = quote, Comment = comment, Path = path, StartLine = start, EndLine = start };

    [Fact]
    public void Resolve_QuoteOnAddedLines_IsPlacedWithDiffText()
    {
        var result = HighlightResolver.Resolve(TestChanges.Diff(), [Parsed("for (var i = 0; i <= order.Items.Count; i++)\ntotal += order.Items[i].Price;", path: TestChanges.OrderService)]);

        var highlight = Assert.Single(result.Highlights);
        Assert.Equal((TestChanges.OrderService, 13, 14), (highlight.Path, highlight.StartLine, highlight.EndLine));
        Assert.Equal("        for (var i = 0; i <= order.Items.Count; i++)\n            total += order.Items[i].Price;", highlight.Quote);
        Assert.Equal(HighlightSource.Llm, highlight.Source);
        Assert.True(highlight.OnAddedLine);
        Assert.Equal(0, result.Hallucinations);
    }

    [Theory]
    [InlineData("if (order == null) throw new ArgumentNullException();")]
    [InlineData("var total = 0m;")]
    [InlineData("return total * 2;")]
    public void Resolve_QuoteNotOnNewSide_IsDroppedAsHallucination(string quote)
    {
        var result = HighlightResolver.Resolve(TestChanges.Diff(), [Parsed(quote)]);

        Assert.Empty(result.Highlights);
        Assert.Equal(1, result.Hallucinations);
    }

    [Fact]
    public void Resolve_QuoteOnContextLine_IsKeptButNotOnAddedLine()
    {
        var highlight = Assert.Single(HighlightResolver.Resolve(TestChanges.Diff(), [Parsed("return total;")]).Highlights);

        Assert.Equal(16, highlight.StartLine);
        Assert.False(highlight.OnAddedLine);
    }

    [Fact]
    public void Resolve_WrongFileNamed_FindsQuoteInTheRightFile()
    {
        var highlight = Assert.Single(HighlightResolver.Resolve(TestChanges.Diff(), [Parsed("s.Substring(0, n);", path: TestChanges.OrderService, start: 4)]).Highlights);

        Assert.Equal((TestChanges.TextFile, 4), (highlight.Path, highlight.StartLine));
    }

    [Theory]
    [InlineData("    13 + for (var i = 0; i <= order.Items.Count; i++)\n    14 +     total += order.Items[i].Price;")]
    [InlineData("+        for (var i = 0; i <= order.Items.Count; i++)\n+            total += order.Items[i].Price;")]
    [InlineData("        for (var i = 0; i <= order.Items.Count; i++)\n\t\ttotal += order.Items[i].Price;   ")]
    public void Resolve_QuoteCopiedWithNumbersMarkersOrOtherIndentation_IsFound(string quote)
    {
        var highlight = Assert.Single(HighlightResolver.Resolve(TestChanges.Diff(), [Parsed(quote)]).Highlights);

        Assert.Equal((13, 14), (highlight.StartLine, highlight.EndLine));
    }

    [Fact]
    public void Resolve_QuoteWithRemovedLineMarker_DropsTheRemovedLine()
    {
        var quote = "-        var total = 0m;\n+        decimal total = 0;";

        var highlight = Assert.Single(HighlightResolver.Resolve(TestChanges.Diff(), [Parsed(quote)]).Highlights);

        Assert.Equal((12, 12), (highlight.StartLine, highlight.EndLine));
    }

    [Fact]
    public void Resolve_SameLocationTwice_MergesAndKeepsSuggestion()
    {
        var first = Parsed("decimal total = 0;", "Use var.");
        var second = Parsed("decimal total = 0;", "Something else entirely.") with { Suggestion = "var total = 0m;" };

        var result = HighlightResolver.Resolve(TestChanges.Diff(), [first, second]);

        var highlight = Assert.Single(result.Highlights);
        Assert.Equal("Use var.", highlight.Comment);
        Assert.Equal("var total = 0m;", highlight.Suggestion);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void Resolve_OverlappingWithSimilarComment_Merges_OtherwiseKeepsBoth()
    {
        var loop = Parsed("for (var i = 0; i <= order.Items.Count; i++)\ntotal += order.Items[i].Price;", "The loop bound reads past the end of Items.");
        var similar = Parsed("total += order.Items[i].Price;", "Reads past the end of Items: the loop bound is wrong.");
        var different = Parsed("total += order.Items[i].Price;", "Price may be negative for refunds; clamp it.");

        Assert.Single(HighlightResolver.Resolve(TestChanges.Diff(), [loop, similar]).Highlights);
        Assert.Equal(2, HighlightResolver.Resolve(TestChanges.Diff(), [loop, different]).Highlights.Count);
    }

    [Fact]
    public void Resolve_RepeatOfPrefixHighlight_IsNotNew()
    {
        var prefix = new Critique { Highlights = [HighlightResolver.Locate(TestChanges.Diff(), Parsed("decimal total = 0;"))!] };

        var result = HighlightResolver.Resolve(TestChanges.Diff(), [Parsed("decimal total = 0;", "Again.")], prefix);

        Assert.Empty(result.Highlights);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void Similarity_IdenticalAndDisjoint_AreOneAndZero()
    {
        Assert.Equal(1.0, HighlightResolver.Similarity("The loop is wrong", "the LOOP is wrong"));
        Assert.Equal(0.0, HighlightResolver.Similarity("alpha beta", "gamma delta"));
    }
}
