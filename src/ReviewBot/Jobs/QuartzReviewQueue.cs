using System.Diagnostics.CodeAnalysis;
using Quartz;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Storage;

namespace ReviewBot.Jobs;

/// <summary>
/// The review queue on Quartz's persistent store. Each pull request is one job (so at most one review of it runs at
/// a time, cluster-wide) and each head SHA one trigger of that job: a second request for a head already waiting or
/// running finds its trigger, a head already reviewed is not queued at all, and a newer push replaces a head that
/// is still waiting, so a burst of pushes costs at most one running and one queued review. When two requests for a
/// pull request are queued at once (two receivers, or a receiver and a job), the one queued last stays and each
/// removes only those queued before it, so exactly one is left waiting and never none.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of review jobs.")]
public sealed class QuartzReviewQueue(ISchedulerFactory schedulers, IReviewStore reviews, TimeProvider timeProvider) : IReviewQueue
{
    public async Task<EnqueueResult> EnqueueAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Rerun is null && await reviews.HasCompletedReviewAsync(target, cancellationToken).ConfigureAwait(false))
        {
            return EnqueueResult.AlreadyReviewed;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var jobKey = ReviewJobData.JobKeyFor(target);
        var existing = await scheduler.GetTriggersOfJob(jobKey, cancellationToken).ConfigureAwait(false);
        if (existing.Any(t => string.Equals(ReviewJobData.HeadShaOf(t), target.HeadSha, StringComparison.Ordinal) &&
                              string.Equals(ReviewJobData.RerunOf(t), target.Rerun, StringComparison.Ordinal)))
        {
            return EnqueueResult.AlreadyQueued;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(ReviewJobData.TriggerKeyFor(target, attempt: 1))
            .ForJob(jobKey)
            .UsingJobData(ReviewJobData.ToDataMap(target, attempt: 1, timeProvider.GetUtcNow()))
            .StartAt(timeProvider.GetUtcNow())
            .Build();
        if (!await TryScheduleAsync(scheduler, jobKey, trigger, cancellationToken).ConfigureAwait(false))
        {
            // Another delivery for the same head won the race between the look-up and the insert.
            return EnqueueResult.AlreadyQueued;
        }

        // The new head is queued first, so the job always has a trigger; then heads queued before it and still waiting give way.
        await ReplaceOlderWaitingAsync(scheduler, jobKey, trigger, cancellationToken).ConfigureAwait(false);
        return EnqueueResult.Queued;
    }

    private static async Task<bool> TryScheduleAsync(IScheduler scheduler, JobKey jobKey, ITrigger trigger, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (await scheduler.Exists(jobKey, cancellationToken).ConfigureAwait(false))
                {
                    await scheduler.ScheduleJob(trigger, default, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var job = JobBuilder.Create<ReviewJob>().WithIdentity(jobKey).RequestRecovery().Build();
                    await scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (ObjectAlreadyExistsException)
            {
                if (await scheduler.Exists(trigger.Key, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                // The job appeared between Exists and ScheduleJob (a delivery for another head): add the trigger to it.
            }
            catch (JobPersistenceException)
            {
                // The job's last trigger completed and Quartz removed the job between Exists and ScheduleJob: create it again.
                if (await scheduler.Exists(jobKey, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        return false;
    }

    private static async Task ReplaceOlderWaitingAsync(IScheduler scheduler, JobKey jobKey, ITrigger queued, CancellationToken cancellationToken)
    {
        var mine = (ReviewJobData.QueuedAtOf(queued), queued.Key.Name);
        foreach (var trigger in await scheduler.GetTriggersOfJob(jobKey, cancellationToken).ConfigureAwait(false))
        {
            var theirs = (ReviewJobData.QueuedAtOf(trigger), trigger.Key.Name);
            if (trigger.Key.Equals(queued.Key) || theirs.CompareTo(mine) > 0)
            {
                continue;
            }

            var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken).ConfigureAwait(false);
            if (state is TriggerState.Normal or TriggerState.Blocked or TriggerState.Paused)
            {
                await scheduler.UnscheduleJob(trigger.Key, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
