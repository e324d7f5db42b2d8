using System.Globalization;
using System.Text;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking.RewardPairs;

namespace ReviewBot.Ranking.Tests;

/// <summary>
/// Made-up preference data with a known rule: a critique that quotes an added line, says plainly what breaks and is
/// confident beats one that comments on untouched code with hedging words. Generated from a seed.
/// </summary>
internal static class SyntheticPairs
{
    public static string Diff(int group)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"diff --git a/src/Service{group}.cs b/src/Service{group}.cs\n");
        text.Append(CultureInfo.InvariantCulture, $"--- a/src/Service{group}.cs\n+++ b/src/Service{group}.cs\n@@ -1,4 +1,16 @@\n");
        text.Append(" namespace Demo;\n public sealed class Service\n {\n");
        for (var i = 0; i < 12; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"+    public int Step{i}(int[] items) => items[{i}] + Offset{group};\n");
        }

        text.Append(" }\n");
        return text.ToString();
    }

    public static ChangeContext Context(int group) =>
        new() { Diff = UnifiedDiffParser.Parse(Diff(group)).GetDiffOrThrow() };

    public static Highlight Good(int group, int line, double confidence) => new()
    {
        Path = $"src/Service{group}.cs",
        StartLine = line,
        EndLine = line,
        Quote = $"public int Step{line - 4}(int[] items) => items[{line - 4}] + Offset{group};",
        Comment = "Indexing without a bounds check throws IndexOutOfRangeException for short arrays.",
        Kind = FindingKind.Bug,
        Source = HighlightSource.Llm,
        Confidence = confidence,
        OnAddedLine = true,
    };

    public static Highlight Bad(int group, double confidence) => new()
    {
        Path = $"src/Service{group}.cs",
        StartLine = 2,
        EndLine = 2,
        Quote = "public sealed class Service",
        Comment = "Maybe consider renaming this class, it might possibly read better.",
        Kind = FindingKind.Style,
        Source = HighlightSource.Llm,
        RuleId = "STYLE01",
        Confidence = confidence,
        OnAddedLine = false,
    };

    public static IEnumerable<RewardPair> Generate(int groups, int pairsPerGroup, int seed)
    {
        var random = new Random(seed);
        for (var g = 0; g < groups; g++)
        {
            var diff = Diff(g);
            for (var p = 0; p < pairsPerGroup; p++)
            {
                var good = Good(g, 4 + random.Next(12), 0.5 + (random.NextDouble() * 0.4));
                var bad = Bad(g, 0.3 + (random.NextDouble() * 0.6));
                var rejected = random.Next(3) switch
                {
                    0 => new[] { bad },
                    1 => [good, bad],
                    _ => [bad, Bad(g, random.NextDouble())],
                };
                yield return new RewardPair
                {
                    Id = $"pair-{g}-{p}",
                    Group = $"tamper-{g}",
                    Source = RewardPairSource.Tamper,
                    Diff = diff,
                    Chosen = RewardPairCritique.From(new Critique { Highlights = [good] }),
                    Rejected = RewardPairCritique.From(new Critique { Highlights = [.. rejected] }),
                };
            }
        }
    }

    public static byte[] Jsonl(IEnumerable<RewardPair> pairs, params string[] extraLines)
    {
        using var writer = new StringWriter();
        RewardPairsFile.Write(writer, pairs);
        foreach (var line in extraLines)
        {
            writer.Write(line);
            writer.Write('\n');
        }

        return Encoding.UTF8.GetBytes(writer.ToString());
    }
}
