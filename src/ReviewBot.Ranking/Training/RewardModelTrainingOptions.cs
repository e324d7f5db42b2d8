using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Ranking.Training;

/// <summary>The two reward model shapes the trainer can fit.</summary>
public enum RewardModelKind
{
    /// <summary>Linear Bradley–Terry model: one weight per feature.</summary>
    Linear,

    /// <summary>One hidden ReLU layer (<see cref="RewardModelTrainingOptions.Hidden"/> units).</summary>
    Mlp,
}

/// <summary>Options of <c>reviewbot rm train</c>.</summary>
public sealed record RewardModelTrainingOptions
{
    public RewardModelKind Model { get; init; } = RewardModelKind.Linear;

    /// <summary>Share of groups (pull requests, tampers) held out for early stopping and the reported accuracy. Default 0.2.</summary>
    [Range(0.0, 0.9)]
    public double Holdout { get; init; } = 0.2;

    /// <summary>Seed of the split, the initial weights and the order of examples. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Most passes over the training pairs. Default 200.</summary>
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 200;

    /// <summary>L2 penalty on weights (not biases). Default 1e-4.</summary>
    [Range(0.0, 100.0)]
    public double L2 { get; init; } = 1e-4;

    /// <summary>Adam's step size. Default 0.01.</summary>
    [Range(1e-7, 10.0)]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Pairs per gradient step. Default 64.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; init; } = 64;

    /// <summary>Hidden units of the MLP. Default 32.</summary>
    [Range(1, 4096)]
    public int Hidden { get; init; } = 32;

    /// <summary>Epochs without a better held-out accuracy before stopping. Default 20.</summary>
    [Range(1, 100_000)]
    public int Patience { get; init; } = 20;
}

/// <summary>Progress after one epoch.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, double TrainLoss, double? HeldOutAccuracy);
