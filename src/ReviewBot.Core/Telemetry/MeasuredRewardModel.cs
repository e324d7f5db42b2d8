using System.Diagnostics;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Core.Telemetry;

/// <summary>A reward model that reports how long each scoring call took (<c>reviewbot.rm.duration</c>).</summary>
public sealed class MeasuredRewardModel(IRewardModel inner) : IRewardModel
{
    public string Version => inner.Version;

    public async ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critiques.Critique> critiques, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(critiques);
        var started = Stopwatch.GetTimestamp();
        var scores = await inner.ScoreAsync(context, critiques, cancellationToken).ConfigureAwait(false);
        ReviewBotTelemetry.RewardModelDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        ReviewBotTelemetry.RewardModelScored.Add(critiques.Count);
        return scores;
    }
}
