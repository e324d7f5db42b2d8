using System.Globalization;
using Quartz;

namespace ReviewBot.Commands;

/// <summary>Command jobs on Quartz's persistent store: one job per stored command, run once (recovered after a crash).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of command jobs.")]
public sealed class CommandQueue(ISchedulerFactory schedulers, TimeProvider timeProvider)
{
    public const string Group = "commands";
    internal const string CommandIdKey = "commandId";
    internal const string AttemptKey = "attempt";

    public static JobKey JobKeyFor(long commandId) => new($"command-{commandId.ToString(CultureInfo.InvariantCulture)}", Group);

    public async Task EnqueueAsync(long commandId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<CommandJob>().WithIdentity(JobKeyFor(commandId)).RequestRecovery().Build();
        try
        {
            await scheduler.ScheduleJob(job, Trigger(job.Key, commandId, 1, timeProvider.GetUtcNow()), default, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Queued by an earlier attempt at this delivery.
        }
    }

    internal static ITrigger Trigger(JobKey job, long commandId, int attempt, DateTimeOffset at) =>
        TriggerBuilder.Create()
            .WithIdentity($"{job.Name}/attempt-{attempt.ToString(CultureInfo.InvariantCulture)}", Group)
            .ForJob(job)
            .UsingJobData(CommandIdKey, commandId.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(AttemptKey, attempt.ToString(CultureInfo.InvariantCulture))
            .StartAt(at)
            .Build();
}
