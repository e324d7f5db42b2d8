using Quartz;

namespace ReviewBot.Tests.Support;

/// <summary>A head waiting (or running) in the durable queue.</summary>
internal sealed record QueuedReview(string Job, string Trigger, string? HeadSha);

/// <summary>Reads the durable job store the way an operator would: through the scheduler.</summary>
internal static class QueuedJobs
{
    /// <summary>Every trigger of every review job: one per queued head (recurring jobs such as the feedback poll are not reviews).</summary>
    public static async Task<IReadOnlyList<QueuedReview>> ListAsync(IServiceProvider services)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var queued = new List<QueuedReview>();
        foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ReviewBot.Jobs.ReviewJobData.Group)))
        {
            foreach (var trigger in await scheduler.GetTriggersOfJob(job))
            {
                queued.Add(new QueuedReview(job.Name, trigger.Key.Name, trigger.JobDataMap.GetString("headSha")));
            }
        }

        return queued;
    }
}
