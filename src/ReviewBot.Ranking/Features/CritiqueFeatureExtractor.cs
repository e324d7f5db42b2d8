using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Ranking.Features;

/// <summary>
/// Turns a (change, critique) pair into the fixed-width float vector reward models read: <c>critique-features</c>
/// v1, F = 512. Counts are summed over highlights (so each highlight adds its own evidence), shares and means describe
/// the mix, and words, rule ids and file types are hashed into buckets with <see cref="StableHash"/>. Stateless and
/// safe to call from many threads. See <see cref="Blocks"/> for the layout.
/// </summary>
public static class CritiqueFeatureExtractor
{
    public const int Dimension = 512;
    public const int DenseCount = 48;
    public const int RuleBuckets = 64;
    public const int ExtensionBuckets = 16;
    public const int WordBuckets = Dimension - DenseCount - RuleBuckets - ExtensionBuckets;
    public const int RuleStart = DenseCount;
    public const int ExtensionStart = RuleStart + RuleBuckets;
    public const int WordStart = ExtensionStart + ExtensionBuckets;

    /// <summary>Most words of one comment that are hashed; the rest are ignored.</summary>
    public const int MaxWordsPerComment = 256;

    private const ulong Seed = 0x5265766965774274UL;

    public static FeatureSchema Schema { get; } = new("critique-features", 1, Dimension, Seed);

    public static IReadOnlyList<FeatureBlock> Blocks { get; } =
    [
        new(0, 3, "highlight count, log(1+count), critique is empty"),
        new(3, 5, "highlights per finding kind (bug, security, performance, maintainability, style)"),
        new(8, 5, "share of highlights per finding kind"),
        new(13, 4, "confidence: sum, mean, max, min"),
        new(17, 3, "on added lines: count, share; count not on added lines"),
        new(20, 3, "quote length: mean and max log(1+chars), mean log(1+lines)"),
        new(23, 3, "comment length: mean, max, min log(1+chars)"),
        new(26, 2, "hedging: comments with a hedging word, hedging words per comment"),
        new(28, 3, "source: LLM count, offline count, LLM share"),
        new(31, 4, "grounding: share of quotes found in the diff, quotes not found, files not in the diff, ranges outside hunks"),
        new(35, 2, "distance of the quote to the nearest hunk edge: mean and min log(1+lines)"),
        new(37, 3, "repetition: duplicate highlights, repeated rule ids, overlapping line ranges"),
        new(40, 4, "log(1+files commented), suggestions, share with a rule id, share of comments asking a question"),
        new(44, 4, "the change: log(1+added lines), log(1+hunks), log(1+files), share of files commented"),
        new(RuleStart, RuleBuckets, "rule ids, hashed, count per bucket"),
        new(ExtensionStart, ExtensionBuckets, "file extensions, hashed, count per bucket"),
        new(WordStart, WordBuckets, "comment word unigrams and bigrams, signed hashing, each comment weighted 1/sqrt(n-grams)"),
    ];

    public static float[] Extract(ChangeContext context, Critique critique)
    {
        var features = new float[Dimension];
        Extract(context, critique, features);
        return features;
    }

    /// <summary>Writes the features of <paramref name="critique"/> into <paramref name="destination"/> (length F).</summary>
    public static void Extract(ChangeContext context, Critique critique, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(critique);
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Expected a span of {Dimension} floats, got {destination.Length}.", nameof(destination));
        }

        destination.Clear();
        var diff = context.Diff;
        var highlights = critique.Highlights;
        var n = highlights.Length;
        destination[44] = Log(diff.AddedLines);
        destination[45] = Log(diff.HunkCount);
        destination[46] = Log(diff.Files.Count);
        destination[0] = n;
        destination[1] = Log(n);
        if (n == 0)
        {
            destination[2] = 1;
            return;
        }

        double confidenceMin = double.MaxValue, confidenceMax = double.MinValue, edgeMin = double.MaxValue;
        double quoteMax = 0, commentMax = 0, commentMin = double.MaxValue;
        var edgeCount = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in highlights)
        {
            var one = HighlightFeatures.For(diff, h);
            destination[3 + (int)h.Kind] += 1;
            destination[13] += (float)h.Confidence;
            confidenceMin = Math.Min(confidenceMin, h.Confidence);
            confidenceMax = Math.Max(confidenceMax, h.Confidence);
            destination[h.OnAddedLine ? 17 : 19] += 1;
            destination[20] += one.QuoteLength;
            quoteMax = Math.Max(quoteMax, one.QuoteLength);
            destination[22] += one.QuoteLines;
            destination[23] += one.CommentLength;
            commentMax = Math.Max(commentMax, one.CommentLength);
            commentMin = Math.Min(commentMin, one.CommentLength);
            destination[26] += one.HedgingWords > 0 ? 1 : 0;
            destination[27] += one.HedgingWords;
            destination[h.Source == HighlightSource.Llm ? 28 : 29] += 1;
            destination[one.Grounding switch { Grounding.Found => 31, Grounding.QuoteNotFound => 32, _ => 33 }] += 1;
            if (one.EdgeDistance is { } edge)
            {
                destination[35] += edge;
                edgeMin = Math.Min(edgeMin, edge);
                edgeCount++;
            }
            else if (one.Grounding != Grounding.FileNotInDiff)
            {
                destination[34] += 1;
            }

            if (!keys.Add(h.Key))
            {
                destination[37] += 1;
            }

            if (h.RuleId is not null)
            {
                rules.Add(h.RuleId);
                destination[42] += 1;
            }

            files.Add(h.Path);
            destination[41] += h.Suggestion is null ? 0 : 1;
            destination[43] += one.AsksQuestion ? 1 : 0;
            destination[RuleStart + one.RuleBucket] += 1;
            destination[ExtensionStart + one.ExtensionBucket] += 1;
            foreach (var (bucket, value) in one.Words)
            {
                destination[WordStart + bucket] += value;
            }
        }

        destination[14] = destination[13] / n;
        destination[15] = (float)confidenceMax;
        destination[16] = (float)confidenceMin;
        for (var k = 0; k < 5; k++)
        {
            destination[8 + k] = destination[3 + k] / n;
        }

        destination[18] = destination[17] / n;
        destination[20] /= n;
        destination[21] = (float)quoteMax;
        destination[22] /= n;
        destination[23] /= n;
        destination[24] = (float)commentMax;
        destination[25] = (float)commentMin;
        destination[27] /= n;
        destination[30] = destination[28] / n;
        var found = destination[31];
        destination[31] = found / n;
        destination[35] = edgeCount == 0 ? 0 : destination[35] / edgeCount;
        destination[36] = edgeCount == 0 ? 0 : (float)edgeMin;
        destination[38] = destination[42] - rules.Count;
        destination[39] = Overlaps(highlights);
        destination[40] = Log(files.Count);
        destination[42] /= n;
        destination[43] /= n;
        destination[47] = diff.Files.Count == 0 ? 0 : Math.Min(1f, files.Count / (float)diff.Files.Count);
    }

    private static int Overlaps(IReadOnlyList<Highlight> highlights)
    {
        var overlaps = 0;
        for (var i = 0; i < highlights.Count; i++)
        {
            for (var j = i + 1; j < highlights.Count; j++)
            {
                var a = highlights[i];
                var b = highlights[j];
                if (string.Equals(a.Path, b.Path, StringComparison.Ordinal) && a.StartLine <= b.EndLine && b.StartLine <= a.EndLine)
                {
                    overlaps++;
                }
            }
        }

        return overlaps;
    }

    internal static int Bucket(string prefix, string value, int buckets)
    {
        var hash = new StableHash(Seed);
        hash.Append(prefix);
        hash.Append(value);
        return hash.Bucket(buckets);
    }

    internal static float Log(double value) => (float)Math.Log(1 + Math.Max(0, value));
}
