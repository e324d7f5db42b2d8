using Microsoft.Extensions.Options;
using Quartz;
using ReviewBot.Core.Telemetry;

namespace ReviewBot.Jobs;

/// <summary>
/// The Quartz job around <see cref="ReviewJobRunner"/>. Built with RequestRecovery, so a job whose process died
/// mid-run is run again by whichever scheduler recovers it. There is one job per pull request, so
/// <see cref="DisallowConcurrentExecutionAttribute"/> keeps two heads of one pull request from being reviewed at once.
/// Transient failures are retried with back-off by scheduling another trigger for the same job. When the job store
/// itself is unreachable (the database is down or restarting), that trigger cannot be stored either: the firing is
/// then kept and run again in this process after the retry delay, so an outage never drops a review.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ReviewJob(ReviewJobRunner runner, IOptions<JobsOptions> options, TimeProvider timeProvider, ILogger<ReviewJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (target, attempt) = ReviewJobData.FromDataMap(context.MergedJobDataMap, context.FireInstanceId);
        var started = timeProvider.GetTimestamp();
        using var activity = ReviewBotTelemetry.ActivitySource.StartActivity("review job");
        activity?.SetTag("github.repository", target.Repository);
        activity?.SetTag("github.pull_number", target.PullNumber);
        activity?.SetTag("git.head_sha", target.HeadSha);
        ReviewJobOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Crashed(logger, ex, target.Key, attempt);
            outcome = ReviewJobOutcome.RetryLater;
        }

        ReviewBotTelemetry.RecordJob("review", outcome.ToString(), timeProvider.GetElapsedTime(started));
        activity?.SetTag("reviewbot.outcome", outcome.ToString());

        if (outcome != ReviewJobOutcome.RetryLater)
        {
            return;
        }

        try
        {
            await RetryAsync(context, target, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // A run of this attempt that crashed after scheduling its retry was recovered: the retry is already queued.
        }
        catch (JobPersistenceException ex)
        {
            // The firing stays ours in the store (and recoverable by the cluster if this process dies); run it again here.
            Log.StoreUnavailable(logger, ex, target.Key, context.RefireCount + 1);
            await Task.Delay(options.Value.RetryDelay, timeProvider, cancellationToken).ConfigureAwait(false);
            throw new JobExecutionException(ex) { RefireImmediately = true };
        }
    }

    private async Task RetryAsync(IJobExecutionContext context, Core.Publishing.ReviewTarget target, int attempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (attempt >= settings.MaxAttempts)
        {
            Log.GaveUp(logger, target.Key, attempt);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(settings.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), settings.MaxRetryDelay.Ticks));
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ReviewJobData.TriggerKeyFor(target, attempt + 1))
            .ForJob(context.JobDetail.Key)
            .UsingJobData(ReviewJobData.ToDataMap(target, attempt + 1, timeProvider.GetUtcNow()))
            .StartAt(timeProvider.GetUtcNow() + delay)
            .Build();
        await context.Scheduler.ScheduleJob(trigger, default, cancellationToken).ConfigureAwait(false);
        Log.Retrying(logger, target.Key, attempt + 1, delay);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1110, Level = LogLevel.Error, Message = "Review job {Key} failed unexpectedly on attempt {Attempt}")]
        public static partial void Crashed(ILogger logger, Exception exception, string key, int attempt);

        [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "Review job {Key} will retry (attempt {Attempt}) in {Delay}")]
        public static partial void Retrying(ILogger logger, string key, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "Review job {Key} gave up after {Attempt} attempts")]
        public static partial void GaveUp(ILogger logger, string key, int attempt);

        [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Review job {Key}: the job store is unavailable; running it again in this process (refire {Refire})")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception, string key, int refire);
    }
}
