using ReviewBot.Core.Critiques;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Tests.Scoring;

public sealed class OnnxRewardModelTests
{
    private static readonly Critique[] Critiques =
    [
        Critique.Empty,
        new() { Highlights = [SyntheticPairs.Good(2, 5, 0.9)] },
        new() { Highlights = [SyntheticPairs.Bad(2, 0.4)] },
        new() { Highlights = [SyntheticPairs.Good(2, 6, 0.7), SyntheticPairs.Bad(2, 0.5), SyntheticPairs.Good(2, 9, 0.2)] },
    ];

    [Fact]
    public void Score_LinearModel_MatchesDotProductOfExtractedFeatures()
    {
        var weights = TestModels.Weights(21);
        using var model = OnnxRewardModel.Load(OnnxModelWriter.WriteLinear(weights, 0.5f, TestModels.Metadata()), "test").GetModelOrThrow();
        var context = SyntheticPairs.Context(2);

        var scores = new double[Critiques.Length];
        model.Score(context, Critiques, scores);

        for (var i = 0; i < Critiques.Length; i++)
        {
            var features = CritiqueFeatureExtractor.Extract(context, Critiques[i]);
            var expected = 0.5 + features.Select((x, f) => (double)x * weights[f]).Sum();
            Assert.Equal(expected, scores[i], 1e-5);
        }
    }

    [Fact]
    public void Score_MlpModel_MatchesReferenceForward()
    {
        const int hidden = 6;
        const int f = CritiqueFeatureExtractor.Dimension;
        var random = new Random(4);
        var w1 = Enumerable.Range(0, f * hidden).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var b1 = Enumerable.Range(0, hidden).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var w2 = Enumerable.Range(0, hidden).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        using var model = OnnxRewardModel.Load(OnnxModelWriter.WriteMlp(w1, b1, w2, 0.1f, TestModels.Metadata()), "test").GetModelOrThrow();
        var context = SyntheticPairs.Context(2);

        var scores = new double[Critiques.Length];
        model.Score(context, Critiques, scores);

        for (var i = 0; i < Critiques.Length; i++)
        {
            var x = CritiqueFeatureExtractor.Extract(context, Critiques[i]);
            var expected = 0.1;
            for (var h = 0; h < hidden; h++)
            {
                var pre = (double)b1[h];
                for (var j = 0; j < f; j++)
                {
                    pre += x[j] * w1[(j * hidden) + h];
                }

                expected += Math.Max(0, pre) * w2[h];
            }

            Assert.Equal(expected, scores[i], 1e-5);
        }
    }

    [Fact]
    public async Task ScoreAsync_MoreThanOneBatch_SameAsScoringEachAlone()
    {
        using var model = OnnxRewardModel.Load(TestModels.Linear(5), "test").GetModelOrThrow();
        var context = SyntheticPairs.Context(2);
        var many = Enumerable.Range(0, OnnxRewardModel.MaxBatch + 7).Select(i => Critiques[i % Critiques.Length]).ToArray();

        var all = await model.ScoreAsync(context, many, CancellationToken.None);

        Assert.Equal(many.Length, all.Count);
        for (var i = 0; i < Critiques.Length; i++)
        {
            var alone = await model.ScoreAsync(context, [Critiques[i]], CancellationToken.None);
            Assert.Equal(alone[0], all[OnnxRewardModel.MaxBatch + i], 1e-6);
        }
    }

    [Fact]
    public void Load_File_VersionIsShortSha256()
    {
        var path = TestModels.WriteTemp(TestModels.Linear(1));
        try
        {
            using var model = OnnxRewardModel.Load(path).GetModelOrThrow();

            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            Assert.Equal("onnx:" + sha[..12], model.Version);
            Assert.Equal(sha, model.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_CorruptFile_ClearError()
    {
        var bytes = TestModels.Linear(1);
        var path = TestModels.WriteTemp(bytes.AsSpan(0, bytes.Length - 700).ToArray());
        try
        {
            var result = OnnxRewardModel.Load(path);

            Assert.False(result.IsSuccess);
            Assert.Contains(path, result.Error, StringComparison.Ordinal);
            Assert.Contains("not a loadable ONNX model", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_MissingFile_ClearError()
    {
        var result = OnnxRewardModel.Load(Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N") + ".onnx"));

        Assert.Contains("could not be read", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RewardModelContract.FeatureSchemaVersionKey, "2", "'feature_schema_version' is '2' but the running feature extractor has '1'")]
    [InlineData(RewardModelContract.FeatureSchemaKey, "other-features", "'feature_schema' is 'other-features'")]
    [InlineData(RewardModelContract.FeatureDimensionKey, "256", "'feature_dimension' is '256' but the running feature extractor has '512'")]
    [InlineData(RewardModelContract.FeatureHashSeedKey, "", "metadata_props has no 'feature_hash_seed'")]
    public void Load_SchemaMismatch_NamesTheMismatch(string key, string value, string expected)
    {
        var bytes = OnnxModelWriter.WriteLinear(TestModels.Weights(1), 0, TestModels.Metadata(new KeyValuePair<string, string>(key, value)));

        var result = OnnxRewardModel.Load(bytes, "mismatch.onnx");

        Assert.False(result.IsSuccess);
        Assert.Contains("does not fit feature schema critique-features v1", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherTensorNames_SingleOutputIsTheScore()
    {
        // Exported models often call their tensors "input" and "output"; one input and one output are enough.
        var weights = TestModels.Weights(8);
        using var renamed = OnnxRewardModel.Load(OnnxModelWriter.WriteLinear(weights, 0, TestModels.Metadata(), "input", "output"), "renamed.onnx").GetModelOrThrow();
        using var standard = OnnxRewardModel.Load(OnnxModelWriter.WriteLinear(weights, 0, TestModels.Metadata()), "standard.onnx").GetModelOrThrow();
        var context = SyntheticPairs.Context(2);

        var a = new double[Critiques.Length];
        var b = new double[Critiques.Length];
        renamed.Score(context, Critiques, a);
        standard.Score(context, Critiques, b);

        Assert.Equal(b, a);
    }

    [Fact]
    public void Load_WrongInputWidth_NamesTheShapes()
    {
        var bytes = OnnxModelWriter.WriteLinear(new float[100], 0, TestModels.Metadata());

        var result = OnnxRewardModel.Load(bytes, "narrow.onnx");

        Assert.Contains("input is features: float[batch, 100]; expected float[batch, 512]", result.Error, StringComparison.Ordinal);
    }
}
