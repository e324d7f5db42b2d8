using ReviewBot.Ranking.Features;

namespace ReviewBot.Ranking.Training;

/// <summary>The fitted model and how it did.</summary>
internal sealed record TrainingOutcome(
    PairwiseModel Model,
    double[] FeatureScale,
    int EpochsRun,
    int BestEpoch,
    PairMetrics Train,
    PairMetrics HeldOut,
    IReadOnlyList<CalibrationBucket> Calibration);

/// <summary>
/// Fits a reward model to preference pairs with the Bradley–Terry loss <c>−log σ(r(chosen) − r(rejected))</c> plus
/// L2, by mini-batch Adam, and stops early on held-out pairwise accuracy (keeping the best epoch's weights).
/// Deterministic: a seeded generator drives the initial weights and each epoch's order, and every sum runs
/// sequentially in a fixed order, so the same data and seed give the same weights bit for bit.
/// </summary>
internal static class RewardModelTrainer
{
    public static TrainingOutcome Train(
        IReadOnlyList<PairExample> train,
        IReadOnlyList<PairExample> heldOut,
        RewardModelTrainingOptions options,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException("There are no training pairs.", nameof(train));
        }

        // Scale each feature to unit standard deviation over the training critiques (no centring, which keeps the
        // vectors sparse); the scales are folded back into the first layer when the model is written.
        var scale = FeatureScale(train, CritiqueFeatureExtractor.Dimension);
        var scaledTrain = train.Select(p => p with { Chosen = p.Chosen.Scaled(scale), Rejected = p.Rejected.Scaled(scale) }).ToList();
        var scaledHeldOut = heldOut.Select(p => p with { Chosen = p.Chosen.Scaled(scale), Rejected = p.Rejected.Scaled(scale) }).ToList();

        var random = new Random(options.Seed);
        var model = PairwiseModel.Create(options.Model, CritiqueFeatureExtractor.Dimension, options.Hidden, random);
        var optimizer = new AdamOptimizer(model.Parameters.Length, options.LearningRate, options.L2);
        var gradient = new double[model.Parameters.Length];
        var order = Enumerable.Range(0, scaledTrain.Count).ToArray();
        var chosenScratch = new double[model.ScratchLength];
        var rejectedScratch = new double[model.ScratchLength];

        var best = (double[])model.Parameters.Clone();
        var bestEpoch = 0;
        var bestAccuracy = double.NegativeInfinity;
        var bestLoss = double.PositiveInfinity;
        var epoch = 0;
        while (epoch < options.Epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            epoch++;
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var end = Math.Min(order.Length, start + options.BatchSize);
                Array.Clear(gradient);
                var batchWeight = 0.0;
                for (var i = start; i < end; i++)
                {
                    batchWeight += scaledTrain[order[i]].Weight;
                }

                for (var i = start; i < end; i++)
                {
                    var pair = scaledTrain[order[i]];
                    var margin = model.Score(pair.Chosen, chosenScratch) - model.Score(pair.Rejected, rejectedScratch);

                    // d/dmargin of −log σ(margin) is −σ(−margin).
                    var dMargin = -PairMetrics.Sigmoid(-margin) * pair.Weight / batchWeight;
                    model.Backward(pair.Chosen, dMargin, chosenScratch, gradient);
                    model.Backward(pair.Rejected, -dMargin, rejectedScratch, gradient);
                }

                optimizer.Step(model, gradient);
            }

            var trainMetrics = PairMetrics.Measure(model, scaledTrain);
            var heldOutMetrics = PairMetrics.Measure(model, scaledHeldOut);
            progress?.Report(new TrainingProgress(epoch, options.Epochs, trainMetrics.Loss, scaledHeldOut.Count == 0 ? null : heldOutMetrics.Accuracy));

            // Without held-out pairs the last epoch is kept; with them, the best held-out accuracy (then loss).
            var judged = scaledHeldOut.Count == 0 ? new PairMetrics(0, 0, 0) : heldOutMetrics;
            if (judged.Accuracy > bestAccuracy || (judged.Accuracy == bestAccuracy && judged.Loss <= bestLoss))
            {
                bestAccuracy = judged.Accuracy;
                bestLoss = judged.Loss;
                bestEpoch = epoch;
                Array.Copy(model.Parameters, best, best.Length);
            }
            else if (epoch - bestEpoch >= options.Patience)
            {
                break;
            }
        }

        Array.Copy(best, model.Parameters, best.Length);
        var calibrationSet = scaledHeldOut.Count > 0 ? scaledHeldOut : scaledTrain;
        return new TrainingOutcome(
            model,
            scale,
            epoch,
            bestEpoch,
            PairMetrics.Measure(model, scaledTrain),
            PairMetrics.Measure(model, scaledHeldOut),
            PairMetrics.Calibrate(model, calibrationSet));
    }

    private static double[] FeatureScale(IReadOnlyList<PairExample> pairs, int dimension)
    {
        var sum = new double[dimension];
        var sumSquares = new double[dimension];
        foreach (var vector in pairs.SelectMany(static p => new[] { p.Chosen, p.Rejected }))
        {
            for (var k = 0; k < vector.Indices.Length; k++)
            {
                sum[vector.Indices[k]] += vector.Values[k];
                sumSquares[vector.Indices[k]] += (double)vector.Values[k] * vector.Values[k];
            }
        }

        var n = 2.0 * pairs.Count;
        var scale = new double[dimension];
        for (var f = 0; f < dimension; f++)
        {
            var mean = sum[f] / n;
            var variance = Math.Max(0, (sumSquares[f] / n) - (mean * mean));
            scale[f] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 1;
        }

        return scale;
    }
}
