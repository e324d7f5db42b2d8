using System.Globalization;
using Quartz;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Jobs;

/// <summary>Maps a review target to and from a Quartz job's data map and keys.</summary>
internal static class ReviewJobData
{
    public const string Group = "reviews";
    private const string RepositoryKey = "repository";
    private const string PullNumberKey = "pullNumber";
    private const string HeadShaKey = "headSha";
    private const string InstallationKey = "installationId";
    private const string DeliveryKey = "deliveryId";
    private const string AttemptKey = "attempt";
    private const string QueuedAtKey = "queuedAt";
    private const string RerunKey = "rerun";

    /// <summary>
    /// One job per pull request: with <see cref="DisallowConcurrentExecutionAttribute"/> at most one review of a pull
    /// request runs at a time, in any process of a cluster.
    /// </summary>
    public static JobKey JobKeyFor(ReviewTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new JobKey($"{target.Repository}#{target.PullNumber.ToString(CultureInfo.InvariantCulture)}", Group);
    }

    /// <summary>One trigger per (repository, pull request, head SHA) and attempt; the head SHA rides in its data map.</summary>
    public static TriggerKey TriggerKeyFor(ReviewTarget target, int attempt)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = target.Rerun is { } rerun ? $"{target.Key}/rerun-{rerun}" : target.Key;
        return new TriggerKey(attempt <= 1 ? key : $"{key}/attempt-{attempt.ToString(CultureInfo.InvariantCulture)}", Group);
    }

    /// <summary>The head SHA a trigger asks to review.</summary>
    public static string? HeadShaOf(ITrigger trigger) => trigger?.JobDataMap.GetString(HeadShaKey);

    /// <summary>When the request was queued (UTC ticks); 0 for triggers queued before this was recorded.</summary>
    public static long QueuedAtOf(ITrigger trigger) =>
        trigger?.JobDataMap.GetString(QueuedAtKey) is { } ticks && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static JobDataMap ToDataMap(ReviewTarget target, int attempt, DateTimeOffset queuedAt)
    {
        var map = new JobDataMap
        {
            [RepositoryKey] = target.Repository,
            [PullNumberKey] = target.PullNumber.ToString(CultureInfo.InvariantCulture),
            [HeadShaKey] = target.HeadSha,
            [AttemptKey] = attempt.ToString(CultureInfo.InvariantCulture),
            [QueuedAtKey] = queuedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        if (target.InstallationId is { } installation)
        {
            map[InstallationKey] = installation.ToString(CultureInfo.InvariantCulture);
        }

        if (target.DeliveryId is { } delivery)
        {
            map[DeliveryKey] = delivery;
        }

        if (target.Rerun is { } rerun)
        {
            map[RerunKey] = rerun;
        }

        return map;
    }

    /// <summary>The request to review again a trigger carries, or null.</summary>
    public static string? RerunOf(ITrigger trigger) => trigger?.JobDataMap.GetString(RerunKey);

    public static (ReviewTarget Target, int Attempt) FromDataMap(JobDataMap map, string fireInstanceId) =>
        (new ReviewTarget
        {
            Rerun = map.GetString(RerunKey),
            Repository = map.GetString(RepositoryKey)!,
            PullNumber = int.Parse(map.GetString(PullNumberKey)!, CultureInfo.InvariantCulture),
            HeadSha = map.GetString(HeadShaKey)!,
            InstallationId = map.GetString(InstallationKey) is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null,
            DeliveryId = map.GetString(DeliveryKey),
            RunId = map.GetString(RerunKey) is { } rerun ? GitHub.Publishing.ReviewMarkers.RerunPrefix(rerun) + fireInstanceId : fireInstanceId,
        }, map.GetString(AttemptKey) is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 1);
}
