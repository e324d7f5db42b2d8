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

    /// <summary>One job per (repository, pull request, head SHA): a second request for the same key finds the first.</summary>
    public static JobKey JobKeyFor(ReviewTarget target) => new(target.Key, Group);

    public static JobDataMap ToDataMap(ReviewTarget target, int attempt)
    {
        var map = new JobDataMap
        {
            [RepositoryKey] = target.Repository,
            [PullNumberKey] = target.PullNumber.ToString(CultureInfo.InvariantCulture),
            [HeadShaKey] = target.HeadSha,
            [AttemptKey] = attempt.ToString(CultureInfo.InvariantCulture),
        };
        if (target.InstallationId is { } installation)
        {
            map[InstallationKey] = installation.ToString(CultureInfo.InvariantCulture);
        }

        if (target.DeliveryId is { } delivery)
        {
            map[DeliveryKey] = delivery;
        }

        return map;
    }

    public static (ReviewTarget Target, int Attempt) FromDataMap(JobDataMap map, string fireInstanceId) =>
        (new ReviewTarget
        {
            Repository = map.GetString(RepositoryKey)!,
            PullNumber = int.Parse(map.GetString(PullNumberKey)!, CultureInfo.InvariantCulture),
            HeadSha = map.GetString(HeadShaKey)!,
            InstallationId = map.GetString(InstallationKey) is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : null,
            DeliveryId = map.GetString(DeliveryKey),
            RunId = fireInstanceId,
        }, map.GetString(AttemptKey) is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 1);
}
