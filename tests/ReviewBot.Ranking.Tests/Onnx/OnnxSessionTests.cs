using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Tests.Onnx;

public sealed class OnnxSessionTests
{
    private static readonly KeyValuePair<string, string>[] Metadata = [new("purpose", "test"), new("answer", "42")];

    [Fact]
    public void Run_LinearModel_MatchesDotProduct()
    {
        var random = new Random(7);
        const int features = 24;
        const int batch = 5;
        var weights = RandomFloats(random, features);
        const float bias = 0.25f;
        using var session = OnnxSession.Create(OnnxRuntime.Shared, OnnxModelWriter.WriteLinear(weights, bias, Metadata));
        var input = RandomFloats(random, batch * features);

        var scores = new float[batch];
        session.Run(0, input, [batch, features], 0, scores);

        for (var row = 0; row < batch; row++)
        {
            double expected = bias;
            for (var f = 0; f < features; f++)
            {
                expected += weights[f] * input[(row * features) + f];
            }

            Assert.Equal(expected, scores[row], 1e-5);
        }
    }

    [Fact]
    public void Run_Mlp_MatchesReferenceForward()
    {
        var random = new Random(11);
        const int features = 16;
        const int hidden = 8;
        const int batch = 7;
        var w1 = RandomFloats(random, features * hidden);
        var b1 = RandomFloats(random, hidden);
        var w2 = RandomFloats(random, hidden);
        const float b2 = -0.5f;
        using var session = OnnxSession.Create(OnnxRuntime.Shared, OnnxModelWriter.WriteMlp(w1, b1, w2, b2, Metadata));
        var input = RandomFloats(random, batch * features);

        var scores = new float[batch];
        session.Run(0, input, [batch, features], 0, scores);

        for (var row = 0; row < batch; row++)
        {
            double expected = b2;
            for (var h = 0; h < hidden; h++)
            {
                double pre = b1[h];
                for (var f = 0; f < features; f++)
                {
                    pre += input[(row * features) + f] * w1[(f * hidden) + h];
                }

                expected += Math.Max(0, pre) * w2[h];
            }

            Assert.Equal(expected, scores[row], 1e-5);
        }
    }

    [Fact]
    public void Create_WrittenModel_ReportsShapesAndMetadata()
    {
        using var session = OnnxSession.Create(OnnxRuntime.Shared, OnnxModelWriter.WriteLinear(new float[12], 0, Metadata));

        var input = Assert.Single(session.Inputs);
        var output = Assert.Single(session.Outputs);
        Assert.Equal("features: float[batch, 12]", input.ToString());
        Assert.Equal("score: float[batch, 1]", output.ToString());
        Assert.Equal("ReviewBot", session.Model.ProducerName);
        Assert.Equal("42", session.Model.CustomMetadata["answer"]);
        Assert.Equal("test", session.Model.CustomMetadata["purpose"]);
    }

    [Fact]
    public void Create_CorruptBytes_ThrowsWithOrtMessage()
    {
        var bytes = OnnxModelWriter.WriteLinear(new float[12], 0, Metadata);
        var truncated = bytes.AsSpan(0, bytes.Length / 2).ToArray();

        var ex = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.Create(OnnxRuntime.Shared, truncated));

        Assert.NotEqual(OrtErrorCode.Ok, ex.Code);
        Assert.False(string.IsNullOrWhiteSpace(ex.OrtMessage));
        Assert.Contains(ex.OrtMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WrongFeatureWidth_ThrowsOnnxRuntimeException()
    {
        using var session = OnnxSession.Create(OnnxRuntime.Shared, OnnxModelWriter.WriteLinear(new float[12], 0, Metadata));

        var ex = Assert.Throws<OnnxRuntimeException>(() => session.Run(0, new float[10], [1, 10], 0, new float[1]));

        Assert.Equal(OrtErrorCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public void Writer_SameArguments_SameBytes()
    {
        var weights = RandomFloats(new Random(3), 32);

        Assert.Equal(OnnxModelWriter.WriteLinear(weights, 1, Metadata), OnnxModelWriter.WriteLinear(weights, 1, Metadata.Reverse()));
    }

    private static float[] RandomFloats(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
}
