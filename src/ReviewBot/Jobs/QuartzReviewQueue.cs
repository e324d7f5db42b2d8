using System.Diagnostics.CodeAnalysis;
using Quartz;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Storage;

namespace ReviewBot.Jobs;

/// <summary>
/// The review queue on Quartz's persistent store: the job key is the review key, so a job waiting or running for
/// the same head is found instead of duplicated, and a head already reviewed is not queued at all.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of review jobs.")]
public sealed class QuartzReviewQueue(ISchedulerFactory schedulers, IReviewStore reviews, TimeProvider timeProvider) : IReviewQueue
{
    public async Task<EnqueueResult> EnqueueAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await reviews.HasCompletedReviewAsync(target, cancellationToken).ConfigureAwait(false))
        {
            return EnqueueResult.AlreadyReviewed;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var jobKey = ReviewJobData.JobKeyFor(target);
        if (await scheduler.Exists(jobKey, cancellationToken).ConfigureAwait(false))
        {
            return EnqueueResult.AlreadyQueued;
        }

        var job = JobBuilder.Create<ReviewJob>()
            .WithIdentity(jobKey)
            .UsingJobData(ReviewJobData.ToDataMap(target, attempt: 1))
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .ForJob(jobKey)
            .StartAt(timeProvider.GetUtcNow())
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
            return EnqueueResult.Queued;
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another delivery for the same head won the race between CheckExists and ScheduleJob.
            return EnqueueResult.AlreadyQueued;
        }
    }
}
