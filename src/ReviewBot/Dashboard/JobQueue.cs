using Quartz;

namespace ReviewBot.Dashboard;

/// <summary>One trigger of the durable queue: what it is for and where it stands.</summary>
internal sealed record QueuedTrigger(string Group, string Job, string Trigger, string State, DateTimeOffset? NextFireAt, string? HeadSha, int Attempt, string? Rerun);

/// <summary>The durable queue as the dashboard shows it: every trigger, and the ones running now (on any node).</summary>
internal sealed record JobQueueSnapshot(IReadOnlyList<QueuedTrigger> Triggers, IReadOnlySet<string> Running);

/// <summary>Reads Quartz's job store through the scheduler API (it sees every process's jobs in a cluster).</summary>
internal static class JobQueue
{
    public static async Task<JobQueueSnapshot> ReadAsync(ISchedulerFactory schedulers, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var triggers = new List<QueuedTrigger>();
        foreach (var group in await scheduler.GetJobGroupNames(cancellationToken).ConfigureAwait(false))
        {
            foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), cancellationToken).ConfigureAwait(false))
            {
                foreach (var trigger in await scheduler.GetTriggersOfJob(job, cancellationToken).ConfigureAwait(false))
                {
                    var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken).ConfigureAwait(false);
                    var data = trigger.JobDataMap;
                    triggers.Add(new QueuedTrigger(
                        group,
                        job.Name,
                        trigger.Key.Name,
                        Describe(state),
                        trigger.NextFireTimeUtc,
                        data.GetString("headSha"),
                        int.TryParse(data.GetString("attempt"), out var attempt) ? attempt : 1,
                        data.GetString("rerun")));
                }
            }
        }

        // Firings are durable records: with a shared store this lists what runs on every node.
        var running = (await scheduler.QueryFireInstances(new FireInstanceQuery { Take = 1000 }, cancellationToken).ConfigureAwait(false)).Items
            .Select(static f => f.TriggerKey.Name)
            .ToHashSet(StringComparer.Ordinal);
        return new JobQueueSnapshot([.. triggers.OrderBy(static t => t.Group, StringComparer.Ordinal).ThenBy(static t => t.Job, StringComparer.Ordinal).ThenBy(static t => t.NextFireAt)], running);
    }

    private static string Describe(TriggerState state) => state switch
    {
        TriggerState.Normal => "waiting",
        TriggerState.Blocked => "blocked",
        TriggerState.Paused => "paused",
        TriggerState.Error => "error",
        TriggerState.Complete => "complete",
        _ => "unknown",
    };
}
