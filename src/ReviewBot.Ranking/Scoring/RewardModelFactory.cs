using Microsoft.Extensions.Logging;
using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Scoring;

/// <summary>
/// Picks the reward model at start-up: the file at <c>Ranking:ModelPath</c> when set (it must load), else the model
/// shipped beside the binaries as <c>reward-model.onnx</c> when present (falling back, with a warning, if it cannot
/// load), else <see cref="HeuristicRewardModel"/>. An ONNX model is wrapped in a <see cref="ReloadableRewardModel"/>
/// that follows its file.
/// </summary>
public static partial class RewardModelFactory
{
    /// <summary>The file name of the model shipped with ReviewBot.</summary>
    public const string DefaultModelFileName = "reward-model.onnx";

    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, DefaultModelFileName);

    /// <exception cref="InvalidOperationException">An explicitly configured model cannot be loaded.</exception>
    public static IRewardModel Create(string? configuredPath, ILoggerFactory loggerFactory, TimeProvider? timeProvider = null, string? defaultPath = null, OnnxRuntime? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(typeof(RewardModelFactory));
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var path = Path.GetFullPath(configuredPath);
            var loaded = OnnxRewardModel.Load(path, runtime);
            if (loaded.Model is null)
            {
                throw new InvalidOperationException($"Ranking:ModelPath: {loaded.Error}");
            }

            Log.UsingModel(logger, path, loaded.Model.Version);
            return new ReloadableRewardModel(loaded.Model, path, loggerFactory.CreateLogger<ReloadableRewardModel>(), timeProvider, runtime: runtime);
        }

        var shipped = defaultPath ?? DefaultModelPath;
        if (File.Exists(shipped))
        {
            var loaded = OnnxRewardModel.Load(shipped, runtime);
            if (loaded.Model is not null)
            {
                Log.UsingModel(logger, shipped, loaded.Model.Version);
                return new ReloadableRewardModel(loaded.Model, shipped, loggerFactory.CreateLogger<ReloadableRewardModel>(), timeProvider, runtime: runtime);
            }

            Log.ShippedModelFailed(logger, shipped, loaded.Error!);
        }

        var heuristic = new HeuristicRewardModel();
        Log.UsingHeuristic(logger, heuristic.Version);
        return heuristic;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3111, Level = LogLevel.Information, Message = "Reward model: {Path} ({Version})")]
        public static partial void UsingModel(ILogger logger, string path, string version);

        [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "The shipped reward model {Path} could not be loaded, using the heuristic scorer: {Error}")]
        public static partial void ShippedModelFailed(ILogger logger, string path, string error);

        [LoggerMessage(EventId = 3113, Level = LogLevel.Information, Message = "Reward model: {Version} (no ONNX model configured or shipped)")]
        public static partial void UsingHeuristic(ILogger logger, string version);
    }
}
