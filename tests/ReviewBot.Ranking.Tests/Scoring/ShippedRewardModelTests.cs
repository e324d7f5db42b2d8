using System.Buffers.Binary;
using Google.Protobuf;
using ReviewBot.Core.Critiques;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Tests.Scoring;

/// <summary>
/// The model ReviewBot ships (copied beside the binaries by the build), run by the real ONNX Runtime and checked
/// against the same Gemm computed in C# from the weights read straight out of the file.
/// </summary>
public sealed class ShippedRewardModelTests
{
    private static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, RewardModelFactory.DefaultModelFileName);

    [Fact]
    public void Score_ShippedModelOnABatch_MatchesGemmOfItsOwnWeightsTo1e5()
    {
        var bytes = File.ReadAllBytes(ShippedPath);
        var (weights, bias) = ReadLinearInitializers(bytes);
        Assert.Equal(CritiqueFeatureExtractor.Dimension, weights.Length);
        Assert.Contains(weights, static w => w != 0);
        using var model = OnnxRewardModel.Load(ShippedPath).GetModelOrThrow();
        var context = SyntheticPairs.Context(3);
        var critiques = Enumerable.Range(0, 40).Select(Critique).ToList();

        var scores = new double[critiques.Count];
        model.Score(context, critiques, scores);

        for (var i = 0; i < critiques.Count; i++)
        {
            var features = CritiqueFeatureExtractor.Extract(context, critiques[i]);
            var expected = bias + features.Select((x, f) => (double)x * weights[f]).Sum();
            Assert.Equal(expected, scores[i], 1e-5);
        }

        Assert.True(scores.Distinct().Count() > 1, "every critique got the same score");
    }

    [Fact]
    public void Load_ShippedModel_AcceptedByTheRunningExtractorAndNamedByItsHash()
    {
        var result = OnnxRewardModel.Load(ShippedPath);
        using var model = result.GetModelOrThrow();

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ShippedPath)));
        Assert.Equal("onnx:" + sha[..12], model.Version);
    }

    private static Critique Critique(int i) => (i % 4) switch
    {
        0 => ReviewBot.Core.Critiques.Critique.Empty,
        1 => new() { Highlights = [SyntheticPairs.Good(3, 1 + (i % 9), 0.3 + (i % 7 / 10.0))] },
        2 => new() { Highlights = [SyntheticPairs.Bad(3, 0.2 + (i % 5 / 10.0))] },
        _ => new() { Highlights = [SyntheticPairs.Good(3, 2 + (i % 5), 0.8), SyntheticPairs.Bad(3, 0.5)] },
    };

    /// <summary>
    /// Initializers <c>w</c> and <c>b</c> of a linear model, read with the field numbers of onnx.proto
    /// (ModelProto.graph 7, GraphProto.initializer 5, TensorProto.name 8, raw_data 9, float_data 4).
    /// </summary>
    private static (float[] Weights, double Bias) ReadLinearInitializers(byte[] model)
    {
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var graph in Fields(model, 7))
        {
            foreach (var tensor in Fields(graph, 5))
            {
                var name = "";
                var values = new List<float>();
                var input = new CodedInputStream(tensor);
                for (uint tag; (tag = input.ReadTag()) != 0;)
                {
                    switch (WireFormat.GetTagFieldNumber(tag))
                    {
                        case 8:
                            name = input.ReadString();
                            break;
                        case 9:
                            var raw = input.ReadBytes().Span;
                            for (var i = 0; i + 4 <= raw.Length; i += 4)
                            {
                                values.Add(BinaryPrimitives.ReadSingleLittleEndian(raw[i..]));
                            }

                            break;
                        case 4 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                            var packed = new CodedInputStream(input.ReadBytes().ToByteArray());
                            while (!packed.IsAtEnd)
                            {
                                values.Add(packed.ReadFloat());
                            }

                            break;
                        default:
                            input.SkipLastField();
                            break;
                    }
                }

                tensors[name] = [.. values];
            }
        }

        Assert.True(tensors.ContainsKey("w") && tensors.ContainsKey("b"), $"initializers found: {string.Join(", ", tensors.Keys)}");
        return (tensors["w"], tensors["b"].Single());
    }

    private static List<byte[]> Fields(byte[] message, int field)
    {
        var input = new CodedInputStream(message);
        var found = new List<byte[]>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return found;
    }
}
