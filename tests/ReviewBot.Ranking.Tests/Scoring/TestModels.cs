using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Tests.Scoring;

/// <summary>Reward model files written with the real writer, for tests.</summary>
internal static class TestModels
{
    public static float[] Weights(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, CritiqueFeatureExtractor.Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    public static IEnumerable<KeyValuePair<string, string>> Metadata(params KeyValuePair<string, string>[] overrides) =>
        RewardModelContract.SchemaMetadata(CritiqueFeatureExtractor.Schema)
            .Where(p => !overrides.Any(o => o.Key == p.Key))
            .Concat(overrides.Where(static o => o.Value.Length > 0));

    public static byte[] Linear(int seed, float bias = 0) => OnnxModelWriter.WriteLinear(Weights(seed), bias, Metadata());

    public static string WriteTemp(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), "reviewbot-rm-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.WriteAllBytes(path, model);
        return path;
    }
}
