using Quartz;

namespace ReviewBot.Jobs.Feedback;

/// <summary>
/// The recurring reaction poll. One durable job with one repeating trigger in the persistent store, so a cluster
/// runs it once per interval; <see cref="DisallowConcurrentExecutionAttribute"/> keeps two passes from overlapping
/// anywhere, and the trigger measures its interval from the previous pass's completion.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class FeedbackPollJob(FeedbackPoller poller, ILogger<FeedbackPollJob> logger) : IJob
{
    public static readonly JobKey Key = new("feedback-poll", "feedback");
    public static readonly TriggerKey TriggerKey = new("feedback-poll", "feedback");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await poller.RunPassAsync(repository: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next pass starts from the stored state; nothing is lost by waiting for it.
            Log.Crashed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, Level = LogLevel.Error, Message = "Feedback poll pass failed unexpectedly; the next pass will try again")]
        public static partial void Crashed(ILogger logger, Exception exception);
    }
}
