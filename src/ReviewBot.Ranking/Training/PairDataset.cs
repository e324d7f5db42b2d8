using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Ranking.Features;

namespace ReviewBot.Ranking.Training;

/// <summary>The non-zero entries of a feature vector.</summary>
public sealed record SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector From(ReadOnlySpan<float> dense)
    {
        var indices = new List<int>();
        var values = new List<float>();
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                indices.Add(i);
                values.Add(dense[i]);
            }
        }

        return new SparseVector([.. indices], [.. values]);
    }

    public SparseVector Scaled(double[] scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return new SparseVector(Indices, [.. Indices.Select((index, k) => (float)(Values[k] * scale[index]))]);
    }
}

/// <summary>One usable pair: features of the chosen and the rejected critique of the same diff.</summary>
public sealed record PairExample(string Id, string Group, double Weight, SparseVector Chosen, SparseVector Rejected);

/// <summary>The usable pairs of a <c>reward-pairs</c> file, the lines that were not, and the file's SHA-256.</summary>
public sealed record PairDataset
{
    public required IReadOnlyList<PairExample> Examples { get; init; }

    public required IReadOnlyList<RewardPairLineError> Errors { get; init; }

    /// <summary>SHA-256 of the file's bytes, recorded in the model as the training data hash.</summary>
    public required string Sha256 { get; init; }

    public int LineCount => Examples.Count + Errors.Count;

    /// <summary>Reads the file, parses each pair's diff and extracts both critiques' features.</summary>
    public static PairDataset Load(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        using var reader = new StringReader(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(file));
        var read = RewardPairsFile.Read(reader);
        var errors = read.Errors.ToList();
        var examples = new List<PairExample>(read.Pairs.Count);
        var diffs = new Dictionary<string, DiffParseResult>(StringComparer.Ordinal);
        foreach (var (line, pair) in read.Pairs)
        {
            if (!diffs.TryGetValue(pair.Diff, out var parsed))
            {
                parsed = UnifiedDiffParser.Parse(pair.Diff);
                diffs[pair.Diff] = parsed;
            }

            if (parsed.Diff is null)
            {
                errors.Add(new RewardPairLineError(line, $"\"diff\" is not a unified diff ({parsed.Error})"));
                continue;
            }

            var context = new ChangeContext { Diff = parsed.Diff };
            examples.Add(new PairExample(
                pair.Id,
                pair.Group,
                pair.Weight,
                SparseVector.From(CritiqueFeatureExtractor.Extract(context, pair.Chosen.ToCritique())),
                SparseVector.From(CritiqueFeatureExtractor.Extract(context, pair.Rejected.ToCritique()))));
        }

        errors.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        return new PairDataset { Examples = examples, Errors = errors, Sha256 = Convert.ToHexStringLower(SHA256.HashData(file)) };
    }

    /// <summary>
    /// Splits by group, never cutting one: groups are ordered by a seeded stable hash and the first
    /// round(<paramref name="holdout"/> × groups) are held out (at least one, and never all).
    /// </summary>
    public (List<PairExample> Train, List<PairExample> HeldOut) Split(double holdout, int seed)
    {
        var groups = Examples.Select(static e => e.Group).Distinct(StringComparer.Ordinal)
            .OrderBy(g => StableHash.Of((ulong)(uint)seed, g))
            .ThenBy(static g => g, StringComparer.Ordinal)
            .ToList();
        var count = holdout <= 0 || groups.Count < 2 ? 0 : Math.Clamp((int)Math.Round(holdout * groups.Count), 1, groups.Count - 1);
        var heldOutGroups = groups.Take(count).ToHashSet(StringComparer.Ordinal);
        var train = Examples.Where(e => !heldOutGroups.Contains(e.Group)).ToList();
        var heldOut = Examples.Where(e => heldOutGroups.Contains(e.Group)).ToList();
        return (train, heldOut);
    }
}
