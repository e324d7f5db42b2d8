namespace ReviewBot.Ranking.Training;

/// <summary>One row of a calibration table: pairs whose predicted P(first ≻ second) fell in [From, To).</summary>
public sealed record CalibrationBucket(double From, double To, int Count, double MeanPredicted, double Observed);

/// <summary>Pairwise accuracy and loss of a model over a set of pairs.</summary>
/// <param name="Pairs">Number of pairs.</param>
/// <param name="Accuracy">Share with r(chosen) &gt; r(rejected); ties count one half.</param>
/// <param name="Loss">Weighted mean of −log σ(r(chosen) − r(rejected)), without the L2 term.</param>
public sealed record PairMetrics(int Pairs, double Accuracy, double Loss)
{
    public static PairMetrics Empty { get; } = new(0, double.NaN, double.NaN);

    internal static PairMetrics Measure(PairwiseModel model, IReadOnlyList<PairExample> pairs)
    {
        if (pairs.Count == 0)
        {
            return Empty;
        }

        Span<double> scratch = stackalloc double[model.ScratchLength];
        double correct = 0, loss = 0, weights = 0;
        foreach (var pair in pairs)
        {
            var margin = model.Score(pair.Chosen, scratch) - model.Score(pair.Rejected, scratch);
            correct += margin > 0 ? 1 : margin == 0 ? 0.5 : 0;
            loss += pair.Weight * Softplus(-margin);
            weights += pair.Weight;
        }

        return new PairMetrics(pairs.Count, correct / pairs.Count, loss / weights);
    }

    /// <summary>
    /// Reliability of P(chosen ≻ rejected) = σ(margin): each pair is counted in both orders (predicted p, observed 1;
    /// predicted 1 − p, observed 0), so a calibrated model has observed ≈ predicted in every bucket.
    /// </summary>
    internal static IReadOnlyList<CalibrationBucket> Calibrate(PairwiseModel model, IReadOnlyList<PairExample> pairs, int buckets = 10)
    {
        var counts = new int[buckets];
        var predicted = new double[buckets];
        var observed = new double[buckets];
        Span<double> scratch = stackalloc double[model.ScratchLength];
        foreach (var pair in pairs)
        {
            var p = Sigmoid(model.Score(pair.Chosen, scratch) - model.Score(pair.Rejected, scratch));
            Add(p, 1);
            Add(1 - p, 0);
        }

        return [.. Enumerable.Range(0, buckets).Select(b => new CalibrationBucket(
            b / (double)buckets,
            (b + 1) / (double)buckets,
            counts[b],
            counts[b] == 0 ? double.NaN : predicted[b] / counts[b],
            counts[b] == 0 ? double.NaN : observed[b] / counts[b]))];

        void Add(double probability, double outcome)
        {
            var bucket = Math.Min(buckets - 1, (int)(probability * buckets));
            counts[bucket]++;
            predicted[bucket] += probability;
            observed[bucket] += outcome;
        }
    }

    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>log(1 + eˣ) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
