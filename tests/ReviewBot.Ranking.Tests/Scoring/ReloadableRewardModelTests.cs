using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Core.Critiques;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Tests.Scoring;

public sealed class ReloadableRewardModelTests : IDisposable
{
    private static readonly Critique[] Batch =
    [
        new() { Highlights = [SyntheticPairs.Good(3, 5, 0.9)] },
        new() { Highlights = [SyntheticPairs.Bad(3, 0.4), SyntheticPairs.Good(3, 8, 0.6)] },
        Critique.Empty,
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("reviewbot-reload-").FullName;
    private readonly byte[] _modelA = TestModels.Linear(1, bias: 1);
    private readonly byte[] _modelB = TestModels.Linear(2, bias: -1);

    private string ModelPath => Path.Combine(_directory, "reward-model.onnx");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ReloadAsync_WhileScoringConcurrently_SwapsWithoutErrors()
    {
        var context = SyntheticPairs.Context(3);
        var expected = new Dictionary<string, double[]>
        {
            [Version(_modelA)] = Scores(_modelA),
            [Version(_modelB)] = Scores(_modelB),
        };
        Replace(_modelA);
        using var model = new ReloadableRewardModel(OnnxRewardModel.Load(ModelPath).GetModelOrThrow(), ModelPath, NullLogger<ReloadableRewardModel>.Instance, watch: false);
        var errors = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, int>();
        var batches = 0;
        using var stop = new CancellationTokenSource();

        var scorers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var scores = await model.ScoreAsync(context, Batch, CancellationToken.None);

                    // Every score of one call must come from one model: match A's or B's scores exactly.
                    var match = expected.FirstOrDefault(e => e.Value.SequenceEqual(scores));
                    if (match.Key is null)
                    {
                        errors.Enqueue($"scores {string.Join(", ", scores)} match neither model");
                    }
                    else
                    {
                        seen.AddOrUpdate(match.Key, 1, static (_, n) => n + 1);
                    }

                    Interlocked.Increment(ref batches);
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex.ToString());
                }
            }
        })).ToArray();

        for (var i = 0; i < 20; i++)
        {
            var next = i % 2 == 0 ? _modelB : _modelA;
            Replace(next);
            var result = await model.ReloadAsync(CancellationToken.None);
            Assert.Equal(RewardModelReloadStatus.Reloaded, result.Status);
            Assert.Equal(Version(next), result.Version);
            Assert.Equal(Version(next), model.Version);

            // Let scoring run on the new model before swapping again, so every swap overlaps calls in flight.
            var target = Volatile.Read(ref batches) + 5;
            while (Volatile.Read(ref batches) < target && errors.IsEmpty)
            {
                await Task.Delay(1);
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(scorers);

        Assert.Empty(errors);
        Assert.Equal(20, model.ReloadCount);
        Assert.Equal(expected.Keys.Order(), seen.Keys.Order());
    }

    [Fact]
    public async Task ReloadAsync_PartialOrInvalidFile_KeepsOldModel()
    {
        Replace(_modelA);
        using var model = new ReloadableRewardModel(OnnxRewardModel.Load(ModelPath).GetModelOrThrow(), ModelPath, NullLogger<ReloadableRewardModel>.Instance, watch: false);

        File.WriteAllBytes(ModelPath, _modelB.AsSpan(0, _modelB.Length / 3).ToArray());
        var partial = await model.ReloadAsync(CancellationToken.None);
        File.WriteAllBytes(ModelPath, [1, 2, 3]);
        var garbage = await model.ReloadAsync(CancellationToken.None);
        var scores = await model.ScoreAsync(SyntheticPairs.Context(3), Batch, CancellationToken.None);

        Assert.Equal(RewardModelReloadStatus.Failed, partial.Status);
        Assert.Contains("not a loadable ONNX model", partial.Error, StringComparison.Ordinal);
        Assert.Equal(RewardModelReloadStatus.Failed, garbage.Status);
        Assert.Equal(Version(_modelA), model.Version);
        Assert.Equal(Scores(_modelA), scores);
    }

    [Fact]
    public async Task Pin_ReloadWhilePinned_PinnedModelKeepsScoringWithTheOldModel()
    {
        Replace(_modelA);
        using var model = new ReloadableRewardModel(OnnxRewardModel.Load(ModelPath).GetModelOrThrow(), ModelPath, NullLogger<ReloadableRewardModel>.Instance, watch: false);
        var context = SyntheticPairs.Context(3);

        using (var pinned = model.Pin())
        {
            Replace(_modelB);
            await model.ReloadAsync(CancellationToken.None);

            Assert.Equal(Version(_modelA), pinned.Version);
            Assert.Equal(Scores(_modelA), await pinned.ScoreAsync(context, Batch, CancellationToken.None));
            Assert.Equal(Scores(_modelB), await model.ScoreAsync(context, Batch, CancellationToken.None));
        }

        var released = model.Pin();
        released.Dispose();
        Assert.Throws<ObjectDisposedException>(() => released.Version);
    }

    [Fact]
    public async Task ReloadAsync_SameFile_Unchanged()
    {
        Replace(_modelA);
        using var model = new ReloadableRewardModel(OnnxRewardModel.Load(ModelPath).GetModelOrThrow(), ModelPath, NullLogger<ReloadableRewardModel>.Instance, watch: false);

        var result = await model.ReloadAsync(CancellationToken.None);

        Assert.Equal(RewardModelReloadStatus.Unchanged, result.Status);
        Assert.Equal(0, model.ReloadCount);
    }

    [Fact]
    public async Task Watcher_FileReplaced_ReloadsWithoutBeingAsked()
    {
        Replace(_modelA);
        using var model = new ReloadableRewardModel(OnnxRewardModel.Load(ModelPath).GetModelOrThrow(), ModelPath, NullLogger<ReloadableRewardModel>.Instance, debounce: TimeSpan.FromMilliseconds(50));

        Replace(_modelB);

        // A bounded wait for the watcher's event, not a speed assertion.
        for (var i = 0; i < 300 && model.Version != Version(_modelB); i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(Version(_modelB), model.Version);
        Assert.Equal(Scores(_modelB), await model.ScoreAsync(SyntheticPairs.Context(3), Batch, CancellationToken.None));
    }

    private static string Version(byte[] model) =>
        "onnx:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model))[..12];

    private static double[] Scores(byte[] bytes)
    {
        using var model = OnnxRewardModel.Load(bytes, "reference").GetModelOrThrow();
        var scores = new double[Batch.Length];
        model.Score(SyntheticPairs.Context(3), Batch, scores);
        return scores;
    }

    // Write beside and rename over, as a deployment (or rm train) does.
    private void Replace(byte[] model)
    {
        var temporary = ModelPath + ".tmp";
        File.WriteAllBytes(temporary, model);
        File.Move(temporary, ModelPath, overwrite: true);
    }
}
