using System.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Text;

namespace ReviewBot.Core.Tests.Critiques.Text;

/// <summary>
/// Random and mutated answers: the parser must never throw, and every highlight it returns must be usable (a quote
/// with some code in it and a non-empty comment), whatever the text.
/// </summary>
public sealed class CritiqueTextParserFuzzTests
{
    private const int Iterations = 3000;

    private static readonly string[] Pieces =
    [
        "```", "```csharp src/a.cs:1-2", "~~~", "~~~~", "````", "```suggestion", "> ", ">", "> ```", "1. **Title**", "### Heading",
        "[bug]", "[style] nit", "**Bug:**", "return x;", "    var y = 1;", "", "\r", "\t", "Overall fine.", "src/a.cs:12",
        "line 3", "`code`", "- item", "```diff", "+ added", "- removed", "\u200B", "\uFEFF", "<<<END 00>>>", "NO FURTHER ISSUES",
    ];

    [Fact]
    public void Parse_RandomPieces_NeverThrowsAndHighlightsAreUsable()
    {
        var random = new Random(20261201);
        for (var i = 0; i < Iterations; i++)
        {
            var text = string.Join(random.Next(4) == 0 ? "\r\n" : "\n", Enumerable.Range(0, random.Next(1, 40)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            AssertUsable(CritiqueTextParser.Parse(text));
        }
    }

    [Fact]
    public void Parse_RandomCharacters_NeverThrows()
    {
        var random = new Random(5);
        const string alphabet = "`~>\n\r \t-*#[]():0123456789abcXYZ_/.\\\"'";
        for (var i = 0; i < Iterations; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, 300);
            for (var c = 0; c < length; c++)
            {
                text.Append(random.Next(10) == 0 ? (char)random.Next(0, 0xD7FF) : alphabet[random.Next(alphabet.Length)]);
            }

            AssertUsable(CritiqueTextParser.Parse(text.ToString()));
        }
    }

    [Fact]
    public void Parse_MutatedWrittenCritiques_NeverThrowsAndUntouchedOnesRoundTrip()
    {
        var critique = new Critique
        {
            Highlights =
            [
                new Highlight { Path = "src/a.cs", StartLine = 3, EndLine = 4, Quote = "if (x > 0)\n    y = 1;", Comment = "Misses zero.", Suggestion = "if (x >= 0)\n    y = 1;" },
                new Highlight { Path = "src/b.py", StartLine = 9, EndLine = 9, Quote = "return items[len(items)]", Comment = "Index error.", Kind = FindingKind.Bug },
                new Highlight { Path = "docs/c.md", StartLine = 1, EndLine = 1, Quote = "Use ```x```", Comment = "Broken.", Kind = FindingKind.Style },
            ],
            Closing = "That is all.",
        };
        var written = CritiqueTextWriter.Write(critique);
        Assert.Equal(3, CritiqueTextParser.Parse(written).Highlights.Count);

        var random = new Random(77);
        for (var i = 0; i < Iterations; i++)
        {
            AssertUsable(CritiqueTextParser.Parse(Mutate(written, random)));
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Length > 0; e++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(4))
            {
                case 0:
                    chars.Remove(at, Math.Min(random.Next(1, 20), chars.Length - at));
                    break;
                case 1:
                    chars.Insert(at, Pieces[random.Next(Pieces.Length)]);
                    break;
                case 2:
                    chars[at] = "`~\n> *"[random.Next(6)];
                    break;
                default:
                    chars.Length = at;
                    break;
            }
        }

        return chars.ToString();
    }

    private static void AssertUsable(ParsedCritiqueText parsed)
    {
        Assert.True(parsed.Incomplete >= 0);
        foreach (var highlight in parsed.Highlights)
        {
            Assert.Contains(highlight.Quote, char.IsLetterOrDigit);
            Assert.False(string.IsNullOrWhiteSpace(highlight.Comment));
            Assert.True(highlight.StartLine is null || highlight.StartLine > 0);
            Assert.True(highlight.EndLine is null || highlight.EndLine >= highlight.StartLine);
        }
    }
}
