using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Text;

namespace ReviewBot.Core.Tests.Critiques.Text;

public sealed class CritiqueTextWriterTests
{
    private static readonly Highlight Loop = new()
    {
        Path = TestChanges.OrderService,
        StartLine = 13,
        EndLine = 14,
        Quote = "        for (var i = 0; i <= order.Items.Count; i++)\n            total += order.Items[i].Price;",
        Comment = "Off by one: reads past the end.",
        Suggestion = "        for (var i = 0; i < order.Items.Count; i++)\n            total += order.Items[i].Price;",
        Kind = FindingKind.Bug,
    };

    private static readonly Highlight Clip = new()
    {
        Path = TestChanges.TextFile,
        StartLine = 4,
        EndLine = 4,
        Quote = "    public static string Clip(string s, int n) => s.Substring(0, n);",
        Comment = "Throws when n exceeds the length.",
        Kind = FindingKind.Maintainability,
    };

    [Fact]
    public void Write_Highlight_UsesTheDocumentedForm()
    {
        var text = CritiqueTextWriter.Write(new Critique { Highlights = [Clip] });

        Assert.Equal(
            "```csharp src/Util/Text.cs:4\n    public static string Clip(string s, int n) => s.Substring(0, n);\n```\n[maintainability] Throws when n exceeds the length.\n",
            text);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var critique = new Critique { Highlights = [Loop, Clip], Closing = "Nothing else stands out." };

        var parsed = CritiqueTextParser.Parse(CritiqueTextWriter.Write(critique));

        Assert.Equal(2, parsed.Highlights.Count);
        foreach (var (original, read) in critique.Highlights.Zip(parsed.Highlights))
        {
            Assert.Equal(original.Quote, read.Quote);
            Assert.Equal(original.Comment, read.Comment);
            Assert.Equal(original.Suggestion, read.Suggestion);
            Assert.Equal(original.Kind, read.Kind);
            Assert.Equal(original.Path, read.Path);
            Assert.Equal((original.StartLine, original.EndLine), (read.StartLine, read.EndLine));
        }

        Assert.Equal("Nothing else stands out.", parsed.Closing);
    }

    [Fact]
    public void WriteForced_EndsWithQuoteOpening()
    {
        Assert.Equal("```", CritiqueTextWriter.WriteForced(Critique.Empty));
        var forced = CritiqueTextWriter.WriteForced(new Critique { Highlights = [Clip], Closing = "dropped" });
        Assert.EndsWith("length.\n\n```", forced, StringComparison.Ordinal);
        Assert.DoesNotContain("dropped", forced, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_QuoteContainingBackticks_UsesLongerFence()
    {
        var highlight = Clip with { Path = "docs/a.md", Quote = "Run ```dotnet test``` first" };

        var text = CritiqueTextWriter.Write(new Critique { Highlights = [highlight] });

        Assert.StartsWith("````markdown docs/a.md:4\n", text, StringComparison.Ordinal);
        Assert.Equal(highlight.Quote, Assert.Single(CritiqueTextParser.Parse(text).Highlights).Quote);
    }
}
