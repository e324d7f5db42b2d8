using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Ranking.RewardPairs;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking.Training;

/// <summary>What <c>rm train</c> produced: the model file's bytes and the report, or why nothing could be trained.</summary>
public sealed record RewardModelTrainingResult
{
    public byte[]? Model { get; init; }

    public TrainingReport? Report { get; init; }

    public string? Error { get; init; }

    /// <summary>Lines of the input that were not usable (reported, not fatal).</summary>
    public IReadOnlyList<RewardPairLineError> BadLines { get; init; } = [];
}

/// <summary>The figures <c>rm train</c> prints.</summary>
public sealed record TrainingReport
{
    public required string ModelKind { get; init; }

    public required string ModelVersion { get; init; }

    public required int UsablePairs { get; init; }

    public required int BadLines { get; init; }

    public required int TrainGroups { get; init; }

    public required int HeldOutGroups { get; init; }

    public required int EpochsRun { get; init; }

    public required int BestEpoch { get; init; }

    public required PairMetrics Train { get; init; }

    public required PairMetrics HeldOut { get; init; }

    /// <summary>Calibration over the held-out pairs (the training pairs when none are held out).</summary>
    public required IReadOnlyList<CalibrationBucket> Calibration { get; init; }

    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"model:      {ModelKind}, {ModelVersion}, features {CritiqueFeatureExtractor.Schema}");
        text.AppendLine(c, $"data:       {UsablePairs} usable pairs, {BadLines} bad line(s); groups {TrainGroups} train / {HeldOutGroups} held out");
        text.AppendLine(c, $"epochs:     {EpochsRun} run, best {BestEpoch}");
        text.AppendLine(c, $"train:      {Train.Pairs} pairs, accuracy {Train.Accuracy:0.000}, loss {Train.Loss:0.0000}");
        text.AppendLine(HeldOut.Pairs == 0
            ? "held out:   none (use --holdout with at least two groups)"
            : string.Create(c, $"held out:   {HeldOut.Pairs} pairs, accuracy {HeldOut.Accuracy:0.000}, loss {HeldOut.Loss:0.0000}"));
        text.AppendLine(HeldOut.Pairs == 0 ? "calibration (training pairs, both orders):" : "calibration (held-out pairs, both orders):");
        text.AppendLine("  predicted P(a≻b)   pairs   mean predicted   observed");
        foreach (var bucket in Calibration.Where(static b => b.Count > 0))
        {
            text.AppendLine(c, $"  {bucket.From:0.0}–{bucket.To:0.0}          {bucket.Count,7}   {bucket.MeanPredicted,14:0.000}   {bucket.Observed,8:0.000}");
        }

        return text.ToString();
    }
}

/// <summary><c>rm train</c> end to end: read pairs, split by group, train, write a deterministic ONNX file.</summary>
public static class RewardModelTraining
{
    public static RewardModelTrainingResult Run(byte[] pairsFile, RewardModelTrainingOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairsFile);
        ArgumentNullException.ThrowIfNull(options);
        var dataset = PairDataset.Load(pairsFile);
        if (dataset.Examples.Count == 0)
        {
            return new RewardModelTrainingResult
            {
                BadLines = dataset.Errors,
                Error = dataset.LineCount == 0
                    ? "the file holds no pairs"
                    : $"none of the {dataset.LineCount} line(s) is a usable pair",
            };
        }

        var (train, heldOut) = dataset.Split(options.Holdout, options.Seed);
        var outcome = RewardModelTrainer.Train(train, heldOut, options, progress, cancellationToken);
        var metadata = Metadata(dataset.Sha256, outcome, options, train.Count, heldOut.Count);
        var bytes = outcome.Model.ToOnnx(outcome.FeatureScale, metadata);
        var report = new TrainingReport
        {
            ModelKind = outcome.Model.Name,
            ModelVersion = "onnx:" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12],
            UsablePairs = dataset.Examples.Count,
            BadLines = dataset.Errors.Count,
            TrainGroups = train.Select(static e => e.Group).Distinct(StringComparer.Ordinal).Count(),
            HeldOutGroups = heldOut.Select(static e => e.Group).Distinct(StringComparer.Ordinal).Count(),
            EpochsRun = outcome.EpochsRun,
            BestEpoch = outcome.BestEpoch,
            Train = outcome.Train,
            HeldOut = outcome.HeldOut,
            Calibration = outcome.Calibration,
        };
        return new RewardModelTrainingResult { Model = bytes, Report = report, BadLines = dataset.Errors };
    }

    private static List<KeyValuePair<string, string>> Metadata(string dataSha256, TrainingOutcome outcome, RewardModelTrainingOptions options, int trainPairs, int heldOutPairs)
    {
        var c = CultureInfo.InvariantCulture;
        var trainer = string.Create(c,
            $"reviewbot rm train: bradley-terry {outcome.Model.Name}, adam lr={options.LearningRate}, l2={options.L2}, batch={options.BatchSize}, " +
            $"seed={options.Seed}, holdout={options.Holdout}, epochs={outcome.EpochsRun}/{options.Epochs}, best={outcome.BestEpoch}, " +
            $"pairs={trainPairs}+{heldOutPairs}");
        var version = typeof(RewardModelTraining).Assembly.GetName().Version?.ToString(3) ?? "0";
        return
        [
            .. RewardModelContract.SchemaMetadata(CritiqueFeatureExtractor.Schema),
            new(RewardModelContract.TrainingDataKey, dataSha256),
            new(RewardModelContract.TrainerKey, trainer),
            new(RewardModelContract.CreatedWithKey, $"ReviewBot {version}"),
        ];
    }
}
