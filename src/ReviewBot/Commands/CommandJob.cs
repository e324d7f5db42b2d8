using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;
using ReviewBot.Core.Telemetry;
using ReviewBot.Jobs;

namespace ReviewBot.Commands;

/// <summary>The Quartz job around <see cref="CommandRunner"/>; transient GitHub failures retry with back-off, like review jobs.</summary>
public sealed partial class CommandJob(CommandRunner runner, IOptions<JobsOptions> options, TimeProvider timeProvider, ILogger<CommandJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = context.MergedJobDataMap;
        var commandId = long.Parse(map.GetString(CommandQueue.CommandIdKey)!, CultureInfo.InvariantCulture);
        var attempt = map.GetString(CommandQueue.AttemptKey) is { } a ? int.Parse(a, CultureInfo.InvariantCulture) : 1;
        var started = timeProvider.GetTimestamp();
        CommandRunOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(commandId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.Crashed(logger, ex, commandId, attempt);
            outcome = CommandRunOutcome.RetryLater;
        }

        ReviewBotTelemetry.RecordJob("command", outcome.ToString(), timeProvider.GetElapsedTime(started));
        var settings = options.Value;
        if (outcome != CommandRunOutcome.RetryLater || attempt >= settings.MaxAttempts)
        {
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(settings.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 20)), settings.MaxRetryDelay.Ticks));
        await context.Scheduler.ScheduleJob(CommandQueue.Trigger(context.JobDetail.Key, commandId, attempt + 1, timeProvider.GetUtcNow() + delay), default, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1420, Level = LogLevel.Error, Message = "Command {CommandId} failed unexpectedly on attempt {Attempt}")]
        public static partial void Crashed(ILogger logger, Exception exception, long commandId, int attempt);
    }
}
