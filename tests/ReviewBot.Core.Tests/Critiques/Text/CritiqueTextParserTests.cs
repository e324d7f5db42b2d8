using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Text;

namespace ReviewBot.Core.Tests.Critiques.Text;

public sealed class CritiqueTextParserTests
{
    [Fact]
    public void Parse_CanonicalForm_ReadsEveryPart()
    {
        var text = """
            ```csharp src/Orders/OrderService.cs:13-14
            for (var i = 0; i <= order.Items.Count; i++)
                total += order.Items[i].Price;
            ```
            [bug] Off by one: the loop reads Items[Count] and throws.
            ```suggestion
            for (var i = 0; i < order.Items.Count; i++)
                total += order.Items[i].Price;
            ```
            """;

        var parsed = CritiqueTextParser.Parse(text);

        var highlight = Assert.Single(parsed.Highlights);
        Assert.Equal("for (var i = 0; i <= order.Items.Count; i++)\n    total += order.Items[i].Price;", highlight.Quote);
        Assert.Equal("Off by one: the loop reads Items[Count] and throws.", highlight.Comment);
        Assert.Equal(FindingKind.Bug, highlight.Kind);
        Assert.Equal("src/Orders/OrderService.cs", highlight.Path);
        Assert.Equal((13, 14), (highlight.StartLine, highlight.EndLine));
        Assert.Equal("csharp", highlight.Language);
        Assert.StartsWith("for (var i = 0; i < order.Items.Count", highlight.Suggestion, StringComparison.Ordinal);
        Assert.Null(parsed.Closing);
        Assert.Equal(0, parsed.Incomplete);
    }

    [Fact]
    public void Parse_TildeFencesAndCrLf_AreRead()
    {
        var text = "~~~cs src/Util/Text.cs:4\r\n    public static string Clip(string s, int n) => s.Substring(0, n);\r\n~~~\r\n[bug] Throws when n > s.Length.\r\n";

        var highlight = Assert.Single(CritiqueTextParser.Parse(text).Highlights);

        Assert.Equal("    public static string Clip(string s, int n) => s.Substring(0, n);", highlight.Quote);
        Assert.Equal("Throws when n > s.Length.", highlight.Comment);
        Assert.Equal((4, 4), (highlight.StartLine, highlight.EndLine));
    }

    [Fact]
    public void Parse_MissingClosingFenceOnQuote_CountsIncomplete()
    {
        var text = "```csharp src/Util/Text.cs:4\npublic static string Clip(string s, int n) => s.Substring(0, n);\n[bug] never closed";

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Empty(parsed.Highlights);
        Assert.Equal(1, parsed.Incomplete);
        Assert.True(parsed.EndsIncomplete);
    }

    [Fact]
    public void Parse_MissingClosingFenceOnFinalSuggestion_KeepsSuggestion()
    {
        var text = "```\nreturn total;\n```\n[style] Name it.\n```suggestion\nreturn sum;";

        var highlight = Assert.Single(CritiqueTextParser.Parse(text).Highlights);

        Assert.Equal("return sum;", highlight.Suggestion);
        Assert.Equal(FindingKind.Style, highlight.Kind);
    }

    [Fact]
    public void Parse_QuoteWithoutComment_IsIncompleteAndNextHighlightSurvives()
    {
        var text = "```\nreturn total;\n```\n\n```\ndecimal total = 0;\n```\n[maintainability] Prefer var.";

        var parsed = CritiqueTextParser.Parse(text);

        var highlight = Assert.Single(parsed.Highlights);
        Assert.Equal("decimal total = 0;", highlight.Quote);
        Assert.Equal(1, parsed.Incomplete);
        Assert.False(parsed.EndsIncomplete);
    }

    [Fact]
    public void Parse_IndentedFenceInNumberedList_DedentsAndReadsHeader()
    {
        var text = """
            Here is my review.

            1. **Off-by-one in the loop** (`src/Orders/OrderService.cs` line 13):
               ```csharp
               for (var i = 0; i <= order.Items.Count; i++)
               ```
               The bound must be `<`, not `<=`.

            2. [security] **Log injection**
               ```csharp
               Log("computed total for " + order.Id);
               ```
               The id comes from the request.
            """;

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Equal("Here is my review.", parsed.Preamble);
        Assert.Equal(2, parsed.Highlights.Count);
        var first = parsed.Highlights[0];
        Assert.Equal("for (var i = 0; i <= order.Items.Count; i++)", first.Quote);
        Assert.Equal("src/Orders/OrderService.cs", first.Path);
        Assert.Equal(13, first.StartLine);
        Assert.Equal("Off-by-one in the loop. The bound must be `<`, not `<=`.", first.Comment);
        Assert.Equal("csharp", first.Language);
        var second = parsed.Highlights[1];
        Assert.Equal(FindingKind.Security, second.Kind);
        Assert.Equal("Log injection. The id comes from the request.", second.Comment);
    }

    [Fact]
    public void Parse_BlockquoteInsteadOfFence_IsAQuote()
    {
        var text = "> return total;\n\n[bug] Returns before adding tax.";

        var highlight = Assert.Single(CritiqueTextParser.Parse(text).Highlights);

        Assert.Equal("return total;", highlight.Quote);
        Assert.Equal("Returns before adding tax.", highlight.Comment);
    }

    [Fact]
    public void Parse_WholeAnswerInBlockquote_IsUnwrapped()
    {
        var text = "> ```csharp src/Util/Text.cs:4-4\n> s.Substring(0, n);\n> ```\n> [bug] Throws for short strings.";

        var highlight = Assert.Single(CritiqueTextParser.Parse(text).Highlights);

        Assert.Equal("s.Substring(0, n);", highlight.Quote);
        Assert.Equal("Throws for short strings.", highlight.Comment);
    }

    [Fact]
    public void Parse_ClosingSummaryWithoutQuote_IsKeptAsClosing()
    {
        var text = "```\nreturn total;\n```\n[bug] Tax is missing.\n\nOverall the change is small and otherwise fine.";

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Equal("Tax is missing.", Assert.Single(parsed.Highlights).Comment);
        Assert.Equal("Overall the change is small and otherwise fine.", parsed.Closing);
    }

    [Fact]
    public void Parse_SecondParagraphAfterLastHighlight_IsClosing()
    {
        var text = "```\nreturn total;\n```\n[bug] Tax is missing.\n\nNothing else stands out.\n\nGood luck!";

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Equal("Tax is missing.", Assert.Single(parsed.Highlights).Comment);
        Assert.Equal("Nothing else stands out.\n\nGood luck!", parsed.Closing);
    }

    [Fact]
    public void Parse_ProseAfterSuggestion_IsClosing()
    {
        var text = "```\nreturn total;\n```\n[bug] Tax is missing.\n```suggestion\nreturn total * 1.2m;\n```\nThose are all the problems I found.";

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Equal("Tax is missing.", Assert.Single(parsed.Highlights).Comment);
        Assert.Equal("Those are all the problems I found.", parsed.Closing);
    }

    [Fact]
    public void Parse_MultiParagraphCommentOnEarlierHighlight_StaysInComment()
    {
        var text = "```\nreturn total;\n```\n[bug] First paragraph.\n\nSecond paragraph.\n\n```\ndecimal total = 0;\n```\n[style] Other.";

        var parsed = CritiqueTextParser.Parse(text);

        Assert.Equal("First paragraph.\n\nSecond paragraph.", parsed.Highlights[0].Comment);
        Assert.Null(parsed.Closing);
    }

    [Theory]
    [InlineData("**Performance:** Allocates per call.", FindingKind.Performance, "Allocates per call.")]
    [InlineData("Nit: rename it.", FindingKind.Style, "rename it.")]
    [InlineData("[SECURITY] Leaks the token.", FindingKind.Security, "Leaks the token.")]
    [InlineData("(maintainability) Duplicated logic.", FindingKind.Maintainability, "Duplicated logic.")]
    [InlineData("This drops the tax.", FindingKind.Bug, "This drops the tax.")]
    public void Parse_KindTags_MapToKinds(string comment, FindingKind kind, string expected)
    {
        var highlight = Assert.Single(CritiqueTextParser.Parse($"```\nreturn total;\n```\n{comment}").Highlights);

        Assert.Equal(kind, highlight.Kind);
        Assert.Equal(expected, highlight.Comment);
    }

    [Theory]
    [InlineData("```python src/a.py:10-12", "src/a.py", 10, 12)]
    [InlineData("``` src/a.py#L10-L12", "src/a.py", 10, 12)]
    [InlineData("```cs lines=7-9 path=src/b.cs", "src/b.cs", 7, 9)]
    [InlineData("```src/c.ts:5", "src/c.ts", 5, 5)]
    [InlineData("```go", null, null, null)]
    public void Parse_InfoStrings_GiveLocations(string opening, string? path, int? start, int? end)
    {
        var highlight = Assert.Single(CritiqueTextParser.Parse($"{opening}\nx = 1\n```\nWrong.").Highlights);

        Assert.Equal(path, highlight.Path);
        Assert.Equal(start, highlight.StartLine);
        Assert.Equal(end, highlight.EndLine);
    }

    [Fact]
    public void Parse_NoQuoteAtAll_IsClosingOnly()
    {
        var parsed = CritiqueTextParser.Parse("I found no problems in this change.");

        Assert.Empty(parsed.Highlights);
        Assert.Equal("I found no problems in this change.", parsed.Closing);
        Assert.Equal(0, parsed.Incomplete);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\n")]
    public void Parse_Empty_IsEmpty(string? text)
    {
        var parsed = CritiqueTextParser.Parse(text);

        Assert.Empty(parsed.Highlights);
        Assert.Null(parsed.Closing);
    }

    [Fact]
    public void Parse_EmptyOrPunctuationOnlyQuote_IsIncomplete()
    {
        var parsed = CritiqueTextParser.Parse("```\n}\n```\n[bug] Brace.");

        Assert.Empty(parsed.Highlights);
        Assert.Equal(1, parsed.Incomplete);
    }

    [Fact]
    public void Parse_LongerFenceAroundBackticks_ClosesOnlyOnMatchingFence()
    {
        var text = "````markdown docs/a.md:3\nUse ```code``` here\n```\n````\n[style] Broken example.";

        var highlight = Assert.Single(CritiqueTextParser.Parse(text).Highlights);

        Assert.Equal("Use ```code``` here\n```", highlight.Quote);
    }
}
