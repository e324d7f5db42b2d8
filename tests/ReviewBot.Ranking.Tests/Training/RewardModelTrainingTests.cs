using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Ranking.Training;

namespace ReviewBot.Ranking.Tests.Training;

public sealed class RewardModelTrainingTests
{
    private static readonly byte[] Data = SyntheticPairs.Jsonl(SyntheticPairs.Generate(groups: 30, pairsPerGroup: 6, seed: 5));

    [Theory]
    [InlineData(RewardModelKind.Linear)]
    [InlineData(RewardModelKind.Mlp)]
    public void Run_SeparablePairs_HighHeldOutAccuracy(RewardModelKind kind)
    {
        var result = RewardModelTraining.Run(Data, new RewardModelTrainingOptions { Model = kind, Epochs = 60 }, null, CancellationToken.None);

        var report = Assert.IsType<TrainingReport>(result.Report);
        Assert.Equal(6, report.HeldOutGroups);
        Assert.Equal(36, report.HeldOut.Pairs);
        Assert.True(report.HeldOut.Accuracy >= 0.95, $"held-out accuracy {report.HeldOut.Accuracy}");
        Assert.True(report.Train.Loss < Math.Log(2), $"train loss {report.Train.Loss} is no better than chance");
    }

    [Fact]
    public void Run_TrainedModel_LoadsAndPrefersChosenCritiques()
    {
        var result = RewardModelTraining.Run(Data, new RewardModelTrainingOptions { Epochs = 40 }, null, CancellationToken.None);

        using var model = OnnxRewardModel.Load(result.Model!, "trained").GetModelOrThrow();
        var context = SyntheticPairs.Context(99);
        var good = new Core.Critiques.Critique { Highlights = [SyntheticPairs.Good(99, 6, 0.8)] };
        var bad = new Core.Critiques.Critique { Highlights = [SyntheticPairs.Bad(99, 0.8)] };
        var scores = new double[2];
        model.Score(context, [good, bad], scores);

        Assert.True(scores[0] > scores[1], $"good {scores[0]} vs bad {scores[1]}");
    }

    [Theory]
    [InlineData(RewardModelKind.Linear)]
    [InlineData(RewardModelKind.Mlp)]
    public void Run_SameInputAndSeed_ByteIdenticalModel(RewardModelKind kind)
    {
        var options = new RewardModelTrainingOptions { Model = kind, Epochs = 15, Seed = 3 };

        var first = RewardModelTraining.Run(Data, options, null, CancellationToken.None).Model;
        var second = RewardModelTraining.Run(Data, options, null, CancellationToken.None).Model;
        var otherSeed = RewardModelTraining.Run(Data, options with { Seed = 4 }, null, CancellationToken.None).Model;

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Run_BadLines_CountedAndTrainingGoesOn()
    {
        var data = SyntheticPairs.Jsonl(SyntheticPairs.Generate(4, 3, 1), "{ broken", "{\"id\":\"x\"}");

        var result = RewardModelTraining.Run(data, new RewardModelTrainingOptions { Epochs = 3 }, null, CancellationToken.None);

        Assert.NotNull(result.Model);
        Assert.Equal([13, 14], result.BadLines.Select(static b => b.Line));
        Assert.Equal(2, result.Report!.BadLines);
        Assert.Equal(12, result.Report.UsablePairs);
    }

    [Fact]
    public void Run_NothingUsable_ErrorAndNoModel()
    {
        var data = SyntheticPairs.Jsonl([], "nope", "[1, 2]");

        var result = RewardModelTraining.Run(data, new RewardModelTrainingOptions(), null, CancellationToken.None);

        Assert.Null(result.Model);
        Assert.Contains("none of the 2 line(s)", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, result.BadLines.Count);
    }

    [Fact]
    public void Run_Model_CarriesSchemaAndProvenanceMetadata()
    {
        var result = RewardModelTraining.Run(Data, new RewardModelTrainingOptions { Epochs = 2 }, null, CancellationToken.None);

        using var session = OnnxSession.Create(OnnxRuntime.Shared, result.Model!);
        var metadata = session.Model.CustomMetadata;
        Assert.Equal("critique-features", metadata[RewardModelContract.FeatureSchemaKey]);
        Assert.Equal("512", metadata[RewardModelContract.FeatureDimensionKey]);
        Assert.Equal(64, metadata[RewardModelContract.TrainingDataKey].Length);
        Assert.StartsWith("reviewbot rm train", metadata[RewardModelContract.TrainerKey], StringComparison.Ordinal);
        Assert.StartsWith("ReviewBot ", metadata[RewardModelContract.CreatedWithKey], StringComparison.Ordinal);
    }

    [Fact]
    public void Split_ByGroup_NeverCutsAGroup()
    {
        var dataset = PairDataset.Load(Data);

        var (train, heldOut) = dataset.Split(0.3, seed: 9);

        Assert.Equal(dataset.Examples.Count, train.Count + heldOut.Count);
        Assert.Empty(train.Select(static e => e.Group).Intersect(heldOut.Select(static e => e.Group)));
        Assert.Equal(9, heldOut.Select(static e => e.Group).Distinct().Count());
    }
}
