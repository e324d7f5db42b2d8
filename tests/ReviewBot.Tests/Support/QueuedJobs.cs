using Quartz;

namespace ReviewBot.Tests.Support;

/// <summary>Reads the durable job store the way an operator would: through the scheduler.</summary>
internal static class QueuedJobs
{
    public static async Task<IReadOnlyCollection<JobKey>> ListAsync(IServiceProvider services)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup());
    }
}
