using System.Text.Json;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Training;

namespace ReviewBot.Ranking.Tests.Training;

public sealed class PairFeatureExportTests
{
    [Fact]
    public void Write_Pairs_OneLinePerUsablePairWithDenseVectors()
    {
        var pairs = SyntheticPairs.Generate(2, 2, seed: 1).ToList();
        using var output = new MemoryStream();

        var dataset = PairFeatureExport.Write(SyntheticPairs.Jsonl(pairs, "bad line"), output);

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Single(dataset.Errors);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(pairs[0].Id, first.RootElement.GetProperty("id").GetString());
        var chosen = first.RootElement.GetProperty("chosen").EnumerateArray().Select(static v => v.GetSingle()).ToArray();
        var expected = CritiqueFeatureExtractor.Extract(SyntheticPairs.Context(0), pairs[0].Chosen.ToCritique());
        Assert.Equal(expected, chosen);
        Assert.Equal(CritiqueFeatureExtractor.Dimension, first.RootElement.GetProperty("rejected").GetArrayLength());
    }
}
