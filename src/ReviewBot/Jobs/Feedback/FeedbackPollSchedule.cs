using Microsoft.Extensions.Options;
using Quartz;
using ReviewBot.Data.Feedback;

namespace ReviewBot.Jobs.Feedback;

/// <summary>
/// Keeps the stored schedule of <see cref="FeedbackPollJob"/> in line with <c>Feedback:PollEnabled</c> and
/// <c>Feedback:PollInterval</c> at start-up: a trigger with the configured interval is left alone (so restarts do
/// not reset it), a different one is replaced, and a disabled poll is unscheduled.
/// </summary>
public sealed class FeedbackPollSchedule(ISchedulerFactory schedulers, IOptions<FeedbackOptions> options, TimeProvider timeProvider) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        if (!settings.PollEnabled)
        {
            await scheduler.UnscheduleJob(FeedbackPollJob.TriggerKey, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await scheduler.GetTrigger(FeedbackPollJob.TriggerKey, cancellationToken).ConfigureAwait(false) is ISimpleTrigger existing && existing.RepeatInterval == settings.PollInterval)
        {
            return;
        }

        var job = JobBuilder.Create<FeedbackPollJob>().WithIdentity(FeedbackPollJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(FeedbackPollJob.TriggerKey)
            .ForJob(FeedbackPollJob.Key)
            .StartAt(timeProvider.GetUtcNow() + settings.PollInterval)
            .WithSimpleSchedule(s => s.WithInterval(settings.PollInterval).RepeatForever().MeasureIntervalFromCompletion(true)
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
