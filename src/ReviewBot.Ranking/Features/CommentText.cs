using System.Collections.Frozen;

namespace ReviewBot.Ranking.Features;

/// <summary>
/// Words of a review comment: maximal runs of letters, digits and underscores, compared case-insensitively.
/// </summary>
internal static class CommentText
{
    /// <summary>Words that soften a claim; a critique full of them is usually less sure of itself.</summary>
    public static readonly FrozenSet<string> HedgingWords = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "might", "maybe", "possibly", "perhaps", "consider", "could", "probably", "likely", "may", "seems", "seem",
        "unclear", "potentially", "potential", "appears", "suggest", "wonder", "guess", "think");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> HedgingLookup =
        HedgingWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Start and length of each word of <paramref name="text"/>, in order.</summary>
    public static int Tokenize(string text, Span<(int Start, int Length)> tokens)
    {
        var count = 0;
        var start = -1;
        for (var i = 0; i <= text.Length && count < tokens.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_');
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                tokens[count++] = (start, i - start);
                start = -1;
            }
        }

        return count;
    }

    public static bool IsHedging(ReadOnlySpan<char> word) => HedgingLookup.Contains(word);
}
