using ReviewBot.Cli;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Ranking.Training;

namespace ReviewBot.Tests.Cli;

public sealed class RmCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("reviewbot-rm-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task TrainAsync_Pairs_WritesLoadableModelAndPrintsReport()
    {
        var data = WritePairs("pairs.jsonl", "{ not a pair");
        var output = new FileInfo(Path.Combine(_directory.FullName, "models", "rm.onnx"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await RmCommand.TrainAsync(data, output, new RewardModelTrainingOptions { Epochs = 5 }, stdout, stderr, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("held out:", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("calibration", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("pairs.jsonl line 21:", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(output.FullName + ".tmp"));
        using var model = OnnxRewardModel.Load(output.FullName).GetModelOrThrow();
        Assert.Contains(model.Version, stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_NothingUsable_ExitsOneAndWritesNothing()
    {
        var data = new FileInfo(Path.Combine(_directory.FullName, "bad.jsonl"));
        await File.WriteAllTextAsync(data.FullName, "nope\n");
        var output = new FileInfo(Path.Combine(_directory.FullName, "rm.onnx"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await RmCommand.TrainAsync(data, output, new RewardModelTrainingOptions(), stdout, stderr, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("nothing to train on", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(output.Exists);
    }

    [Fact]
    public async Task TrainAsync_InvalidOptions_ExitsTwo()
    {
        var data = WritePairs("pairs.jsonl");
        using var stderr = new StringWriter();

        var exit = await RmCommand.TrainAsync(data, new FileInfo(Path.Combine(_directory.FullName, "x.onnx")), new RewardModelTrainingOptions { Holdout = 2 }, TextWriter.Null, stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("Holdout", stderr.ToString(), StringComparison.Ordinal);
    }

    private FileInfo WritePairs(string name, params string[] extraLines)
    {
        var path = Path.Combine(_directory.FullName, name);
        using (var writer = new StreamWriter(path))
        {
            for (var g = 0; g < 10; g++)
            {
                var diff = $"diff --git a/f{g}.cs b/f{g}.cs\n--- a/f{g}.cs\n+++ b/f{g}.cs\n@@ -1,1 +1,3 @@\n int a;\n+int b{g} = items[{g}];\n+int c{g};\n";
                for (var p = 0; p < 2; p++)
                {
                    var good = new Highlight { Path = $"f{g}.cs", StartLine = 2, EndLine = 2, Quote = $"int b{g} = items[{g}];", Comment = "Index out of range for short arrays.", Confidence = 0.8 };
                    var bad = new Highlight { Path = $"f{g}.cs", StartLine = 1, EndLine = 1, Quote = "int a;", Comment = "Maybe consider a better name.", Kind = FindingKind.Style, Confidence = 0.4, OnAddedLine = false };
                    RewardPairsFile.Write(writer, [new RewardPair
                    {
                        Id = $"{g}-{p}",
                        Group = $"g{g}",
                        Source = RewardPairSource.Tamper,
                        Diff = diff,
                        Chosen = RewardPairCritique.From(new Critique { Highlights = [good] }),
                        Rejected = RewardPairCritique.From(new Critique { Highlights = [bad] }),
                    }]);
                }
            }

            foreach (var line in extraLines)
            {
                writer.Write(line + "\n");
            }
        }

        return new FileInfo(path);
    }
}
