using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Ranking.Features;

/// <summary>Where a highlight's quote stands against the diff.</summary>
internal enum Grounding
{
    /// <summary>The quote is among the new-side lines of the file's hunks.</summary>
    Found,

    /// <summary>The file is in the diff but the quote is not.</summary>
    QuoteNotFound,

    /// <summary>The file is not in the diff.</summary>
    FileNotInDiff,
}

/// <summary>
/// Everything the extractor needs from one highlight on its own. The search scores the same highlights again and
/// again (each beam extends an earlier critique, and samples repeat each other), so these are computed once per
/// distinct highlight and diff: the cache hangs off the diff (a <see cref="ConditionalWeakTable{TKey, TValue}"/>
/// entry that dies with it) and holds at most <see cref="MaxCachedPerDiff"/> highlights.
/// </summary>
internal sealed class HighlightFeatures
{
    public const int MaxCachedPerDiff = 4096;

    private static readonly ConditionalWeakTable<UnifiedDiff, DiffCache> Cache = [];

    public required float QuoteLength { get; init; }

    public required float QuoteLines { get; init; }

    public required float CommentLength { get; init; }

    public required int HedgingWords { get; init; }

    public required bool AsksQuestion { get; init; }

    public required Grounding Grounding { get; init; }

    /// <summary>log(1 + lines to the nearest hunk edge), or null when the range is not inside one hunk.</summary>
    public required float? EdgeDistance { get; init; }

    public required int RuleBucket { get; init; }

    public required int ExtensionBucket { get; init; }

    /// <summary>Signed, weighted hashed n-grams of the comment, in the order they were hashed.</summary>
    public required (int Bucket, float Value)[] Words { get; init; }

    public static HighlightFeatures For(UnifiedDiff diff, Highlight highlight)
    {
        var cache = Cache.GetValue(diff, static _ => new DiffCache());
        if (cache.Entries.TryGetValue(highlight, out var cached))
        {
            return cached;
        }

        var computed = Compute(diff, highlight);
        if (Volatile.Read(ref cache.Count) < MaxCachedPerDiff && cache.Entries.TryAdd(highlight, computed))
        {
            Interlocked.Increment(ref cache.Count);
        }

        return computed;
    }

    private static HighlightFeatures Compute(UnifiedDiff diff, Highlight h)
    {
        var grounding = Grounding.FileNotInDiff;
        float? edge = null;
        var file = diff.FindFile(h.Path);
        if (file is not null)
        {
            grounding = QuoteLocator.Find(file, h.Quote, h.StartLine) is null ? Grounding.QuoteNotFound : Grounding.Found;
            var hunk = file.FindHunkForNewLine(h.StartLine);
            if (hunk is not null && hunk.ContainsNewLine(h.EndLine))
            {
                edge = CritiqueFeatureExtractor.Log(Math.Min(h.StartLine - hunk.NewStart, hunk.NewEnd - h.EndLine));
            }
        }

        var (words, hedges) = HashComment(h.Comment);
        return new HighlightFeatures
        {
            QuoteLength = CritiqueFeatureExtractor.Log(h.Quote.Length),
            QuoteLines = CritiqueFeatureExtractor.Log(QuoteLocator.SplitQuote(h.Quote).Count),
            CommentLength = CritiqueFeatureExtractor.Log(h.Comment.Length),
            HedgingWords = hedges,
            AsksQuestion = h.Comment.Contains('?', StringComparison.Ordinal),
            Grounding = grounding,
            EdgeDistance = edge,
            RuleBucket = CritiqueFeatureExtractor.Bucket("rule:", h.RuleId ?? "(none)", CritiqueFeatureExtractor.RuleBuckets),
            ExtensionBucket = CritiqueFeatureExtractor.Bucket("ext:", Extension(h.Path), CritiqueFeatureExtractor.ExtensionBuckets),
            Words = words,
        };
    }

    // Unigrams and bigrams; a comment's n-grams together weigh 1/sqrt(their number), so long comments don't dominate.
    private static ((int, float)[] Words, int Hedges) HashComment(string comment)
    {
        Span<(int Start, int Length)> tokens = stackalloc (int, int)[CritiqueFeatureExtractor.MaxWordsPerComment];
        var count = CommentText.Tokenize(comment, tokens);
        var hedges = 0;
        for (var i = 0; i < count; i++)
        {
            if (CommentText.IsHedging(comment.AsSpan(tokens[i].Start, tokens[i].Length)))
            {
                hedges++;
            }
        }

        if (count == 0)
        {
            return ([], hedges);
        }

        var words = new (int, float)[(2 * count) - 1];
        var weight = 1f / MathF.Sqrt(words.Length);
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            var unigram = new StableHash(CritiqueFeatureExtractor.Schema.HashSeed);
            unigram.Append("w:");
            unigram.Append(comment.AsSpan(tokens[i].Start, tokens[i].Length), lowerCase: true);
            words[next++] = (unigram.Bucket(CritiqueFeatureExtractor.WordBuckets), unigram.Sign * weight);
            if (i + 1 < count)
            {
                var bigram = new StableHash(CritiqueFeatureExtractor.Schema.HashSeed);
                bigram.Append("b:");
                bigram.Append(comment.AsSpan(tokens[i].Start, tokens[i].Length), lowerCase: true);
                bigram.AppendByte((byte)' ');
                bigram.Append(comment.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length), lowerCase: true);
                words[next++] = (bigram.Bucket(CritiqueFeatureExtractor.WordBuckets), bigram.Sign * weight);
            }
        }

        return (words, hedges);
    }

    private static string Extension(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Length == 0 ? "(none)" : extension.ToLowerInvariant();
    }

    /// <summary>The highlights seen with one diff (compared by value: a re-sampled identical highlight hits too).</summary>
    private sealed class DiffCache
    {
        public readonly ConcurrentDictionary<Highlight, HighlightFeatures> Entries = new();
        public int Count;
    }
}
