using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Training;

/// <summary>
/// A trainable scoring function over (scaled) sparse features, with its parameters in one flat array so one
/// optimizer serves both shapes. Everything runs sequentially in a fixed order: same inputs, same bits.
/// </summary>
internal abstract class PairwiseModel(int featureCount, int parameterCount)
{
    public int FeatureCount { get; } = featureCount;

    public double[] Parameters { get; } = new double[parameterCount];

    /// <summary>Length of the scratch buffer <see cref="Score"/> and <see cref="Backward"/> share.</summary>
    public abstract int ScratchLength { get; }

    public abstract string Name { get; }

    public static PairwiseModel Create(RewardModelKind kind, int featureCount, int hidden, Random random) => kind switch
    {
        RewardModelKind.Linear => new LinearPairwiseModel(featureCount),
        RewardModelKind.Mlp => new MlpPairwiseModel(featureCount, hidden, random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown model kind"),
    };

    /// <summary>Whether L2 applies to parameter <paramref name="index"/> (weights yes, biases no).</summary>
    public abstract bool IsWeight(int index);

    /// <summary>The score; leaves in <paramref name="scratch"/> what <see cref="Backward"/> needs.</summary>
    public abstract double Score(SparseVector x, Span<double> scratch);

    /// <summary>Adds d(score)/d(parameters) × <paramref name="dScore"/> to <paramref name="gradient"/>.</summary>
    public abstract void Backward(SparseVector x, double dScore, ReadOnlySpan<double> scratch, double[] gradient);

    /// <summary>The ONNX file of this model over unscaled features: feature scales are folded into the first layer.</summary>
    public abstract byte[] ToOnnx(double[] featureScale, IEnumerable<KeyValuePair<string, string>> metadata);
}

/// <summary><c>score = w · x + b</c>; parameters [w (F), b].</summary>
internal sealed class LinearPairwiseModel(int featureCount) : PairwiseModel(featureCount, featureCount + 1)
{
    public override int ScratchLength => 0;

    public override string Name => "linear";

    public override bool IsWeight(int index) => index < FeatureCount;

    public override double Score(SparseVector x, Span<double> scratch)
    {
        var score = Parameters[FeatureCount];
        for (var k = 0; k < x.Indices.Length; k++)
        {
            score += Parameters[x.Indices[k]] * x.Values[k];
        }

        return score;
    }

    public override void Backward(SparseVector x, double dScore, ReadOnlySpan<double> scratch, double[] gradient)
    {
        for (var k = 0; k < x.Indices.Length; k++)
        {
            gradient[x.Indices[k]] += dScore * x.Values[k];
        }

        gradient[FeatureCount] += dScore;
    }

    public override byte[] ToOnnx(double[] featureScale, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var weights = new float[FeatureCount];
        for (var f = 0; f < FeatureCount; f++)
        {
            weights[f] = (float)(Parameters[f] * featureScale[f]);
        }

        return OnnxModelWriter.WriteLinear(weights, (float)Parameters[FeatureCount], metadata);
    }
}

/// <summary>
/// <c>score = w2 · relu(W1ᵀx + b1) + b2</c>; parameters [W1 (F×H, row per feature), b1 (H), w2 (H), b2].
/// </summary>
internal sealed class MlpPairwiseModel : PairwiseModel
{
    private readonly int _hidden;

    public MlpPairwiseModel(int featureCount, int hidden, Random random)
        : base(featureCount, (featureCount * hidden) + hidden + hidden + 1)
    {
        _hidden = hidden;

        // Glorot-uniform weights from the seeded generator; biases start at zero.
        var a1 = Math.Sqrt(6.0 / (featureCount + hidden));
        for (var i = 0; i < featureCount * hidden; i++)
        {
            Parameters[i] = ((random.NextDouble() * 2) - 1) * a1;
        }

        var a2 = Math.Sqrt(6.0 / (hidden + 1));
        for (var h = 0; h < hidden; h++)
        {
            Parameters[W2 + h] = ((random.NextDouble() * 2) - 1) * a2;
        }
    }

    public override int ScratchLength => _hidden;

    public override string Name => $"mlp (hidden {_hidden})";

    private int B1 => FeatureCount * _hidden;

    private int W2 => B1 + _hidden;

    private int B2 => W2 + _hidden;

    public override bool IsWeight(int index) => index < B1 || (index >= W2 && index < B2);

    public override double Score(SparseVector x, Span<double> scratch)
    {
        var pre = scratch[.._hidden];
        Parameters.AsSpan(B1, _hidden).CopyTo(pre);
        for (var k = 0; k < x.Indices.Length; k++)
        {
            var row = x.Indices[k] * _hidden;
            var v = x.Values[k];
            for (var h = 0; h < _hidden; h++)
            {
                pre[h] += v * Parameters[row + h];
            }
        }

        var score = Parameters[B2];
        for (var h = 0; h < _hidden; h++)
        {
            score += Math.Max(0, pre[h]) * Parameters[W2 + h];
        }

        return score;
    }

    public override void Backward(SparseVector x, double dScore, ReadOnlySpan<double> scratch, double[] gradient)
    {
        gradient[B2] += dScore;
        Span<double> dPre = stackalloc double[_hidden];
        for (var h = 0; h < _hidden; h++)
        {
            var active = scratch[h] > 0;
            gradient[W2 + h] += dScore * (active ? scratch[h] : 0);
            dPre[h] = active ? dScore * Parameters[W2 + h] : 0;
            gradient[B1 + h] += dPre[h];
        }

        for (var k = 0; k < x.Indices.Length; k++)
        {
            var row = x.Indices[k] * _hidden;
            var v = x.Values[k];
            for (var h = 0; h < _hidden; h++)
            {
                gradient[row + h] += v * dPre[h];
            }
        }
    }

    public override byte[] ToOnnx(double[] featureScale, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var w1 = new float[FeatureCount * _hidden];
        for (var f = 0; f < FeatureCount; f++)
        {
            for (var h = 0; h < _hidden; h++)
            {
                w1[(f * _hidden) + h] = (float)(Parameters[(f * _hidden) + h] * featureScale[f]);
            }
        }

        var b1 = Parameters.AsSpan(B1, _hidden).ToArray().Select(static v => (float)v).ToArray();
        var w2 = Parameters.AsSpan(W2, _hidden).ToArray().Select(static v => (float)v).ToArray();
        return OnnxModelWriter.WriteMlp(w1, b1, w2, (float)Parameters[B2], metadata);
    }
}
