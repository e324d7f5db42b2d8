using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Telemetry;
using ReviewBot.Data.Commands;
using ReviewBot.RepositoryConfig;

namespace ReviewBot.Jobs;

/// <summary>How a review job ended.</summary>
public enum ReviewJobOutcome
{
    /// <summary>A review was published (or stored, in a dry run).</summary>
    Completed,

    /// <summary>This head had already been reviewed; nothing was done.</summary>
    AlreadyReviewed,

    /// <summary>The pull request moved on, closed, or vanished; the run records why.</summary>
    Skipped,

    /// <summary>A failure retrying will not fix; the run records why.</summary>
    Failed,

    /// <summary>A transient failure; the job should run again later.</summary>
    RetryLater,
}

/// <summary>
/// The body of a review job: fetch, run the pipeline, publish, store. At-least-once delivery makes it run again
/// after a crash, so every step is idempotent: a completed head is skipped, and the publisher finds a review it
/// already posted by its hidden marker instead of posting it twice. A run whose head was overtaken queues the current
/// head, so the newest push is reviewed even when GitHub's deliveries arrive out of order.
/// </summary>
public sealed partial class ReviewJobRunner(
    IPullRequestSource source,
    ReviewPipeline pipeline,
    IReviewPublisher publisher,
    IReviewStore store,
    IReviewQueue queue,
    ReviewSettingsResolver settings,
    PullRequestStateStore pullRequests,
    [FromKeyedServices(ReviewJobRunner.OfflinePipelineKey)] ReviewPipeline offlinePipeline,
    ILogger<ReviewJobRunner> logger)
{
    /// <summary>The pipeline with the offline critic, for repositories that turn the language model off.</summary>
    public const string OfflinePipelineKey = "offline";

    public async Task<ReviewJobOutcome> RunAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["Repository"] = target.Repository,
            ["PullNumber"] = target.PullNumber,
            ["HeadSha"] = target.HeadSha,
            ["DeliveryId"] = target.DeliveryId,
            ["RunId"] = target.RunId,
        });

        // A review asked for again (@reviewbot review) goes past both shortcuts: it is a full review of the head, asked by someone with write access.
        if (target.Rerun is null && await store.HasCompletedReviewAsync(target, cancellationToken).ConfigureAwait(false))
        {
            Log.AlreadyReviewed(logger);
            return ReviewJobOutcome.AlreadyReviewed;
        }

        if (target.Rerun is null && await pullRequests.IsPausedAsync(target.Repository, target.PullNumber, cancellationToken).ConfigureAwait(false))
        {
            Log.Paused(logger);
            return ReviewJobOutcome.Skipped;
        }

        var runId = await store.StartRunAsync(target, settings.ServerConfigJson(), cancellationToken).ConfigureAwait(false);
        var reviewedBefore = target.Rerun is null
            ? await store.FindLastReviewedHeadAsync(target.Repository, target.PullNumber, target.HeadSha, cancellationToken).ConfigureAwait(false)
            : null;
        var fetched = await source.FetchAsync(target with { ReviewedBefore = reviewedBefore }, cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccess)
        {
            return await EndWithoutReviewAsync(target, runId, fetched, cancellationToken).ConfigureAwait(false);
        }

        var applied = await settings.ResolveAsync(target, fetched.Context!, cancellationToken).ConfigureAwait(false);
        await store.UpdateConfigAsync(runId, applied.EffectiveConfigJson, cancellationToken).ConfigureAwait(false);
        if (applied.RetryReason is { } retry)
        {
            await store.EndRunAsync(runId, ReviewRunStatus.Failed, retry, cancellationToken).ConfigureAwait(false);
            Log.PublishDeferred(logger, retry);
            return ReviewJobOutcome.RetryLater;
        }

        if (applied.SkipReason is { } skip)
        {
            await store.EndRunAsync(runId, ReviewRunStatus.Skipped, skip, cancellationToken).ConfigureAwait(false);
            Log.NotReviewed(logger, null, skip);
            return ReviewJobOutcome.Skipped;
        }

        var chosen = applied.UseOfflineCritic ? offlinePipeline : pipeline;
        var result = await chosen.RunAsync(applied.Context, cancellationToken, applied.Ranking).ConfigureAwait(false);
        if (result.Stats.CriticUnavailable)
        {
            var reason = $"will retry: the model answered none of {result.Stats.Requests} request(s) usably";
            await store.EndRunAsync(runId, ReviewRunStatus.Failed, reason, cancellationToken).ConfigureAwait(false);
            Log.PublishDeferred(logger, reason);
            return ReviewJobOutcome.RetryLater;
        }

        var outcome = await publisher.PublishAsync(target, result, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == PublishStatus.RetryLater)
        {
            // Not completed: the next attempt runs the whole job again and the publisher's markers keep it from posting twice.
            await store.EndRunAsync(runId, ReviewRunStatus.Failed, "will retry: " + outcome.Reason, cancellationToken).ConfigureAwait(false);
            Log.PublishDeferred(logger, outcome.Reason);
            return ReviewJobOutcome.RetryLater;
        }

        await store.CompleteRunAsync(runId, result, outcome, cancellationToken).ConfigureAwait(false);
        ReviewBotTelemetry.Reviews.Add(1, new KeyValuePair<string, object?>("status", outcome.Status.ToString()));
        ReviewBotTelemetry.CommentsPosted.Add(outcome.Comments.Count(static c => c.GitHubId is not null));
        Log.Reviewed(logger, outcome.Status, result.Comments.Count, result.Stats.Candidates, result.Stats.ElapsedMs);
        return outcome.Status switch
        {
            PublishStatus.Skipped => ReviewJobOutcome.Skipped,
            PublishStatus.Failed => ReviewJobOutcome.Failed,
            _ => ReviewJobOutcome.Completed,
        };
    }

    private async Task<ReviewJobOutcome> EndWithoutReviewAsync(ReviewTarget target, long runId, PullRequestFetchResult fetched, CancellationToken cancellationToken)
    {
        var reason = fetched.Reason ?? fetched.Failure.ToString()!;
        var (status, outcome) = fetched.Failure switch
        {
            FetchFailure.Transient => (ReviewRunStatus.Failed, ReviewJobOutcome.RetryLater),
            FetchFailure.Invalid => (ReviewRunStatus.Failed, ReviewJobOutcome.Failed),
            _ => (ReviewRunStatus.Skipped, ReviewJobOutcome.Skipped),
        };
        await store.EndRunAsync(runId, status, reason, cancellationToken).ConfigureAwait(false);
        Log.NotReviewed(logger, fetched.Failure, reason);
        if (fetched.CurrentHeadSha is { Length: > 0 } current)
        {
            // Usually the push's own delivery has queued it already (then this is a no-op); when deliveries arrived out
            // of order, an older head may have replaced the newest one in the queue, and this puts it back.
            var queued = await queue.EnqueueAsync(target with { HeadSha = current, RunId = "", ReviewedBefore = null, Rerun = null }, cancellationToken).ConfigureAwait(false);
            Log.CurrentHead(logger, current, queued);
        }

        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Review {Status}: {CommentCount} comment(s) from {Candidates} candidate(s) in {ElapsedMs} ms")]
        public static partial void Reviewed(ILogger logger, PublishStatus status, int commentCount, int candidates, long elapsedMs);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Publishing deferred: {Reason}")]
        public static partial void PublishDeferred(ILogger logger, string? reason);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Reviews of this pull request are paused (@reviewbot resume to resume); nothing to do")]
        public static partial void Paused(ILogger logger);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Head already reviewed; nothing to do")]
        public static partial void AlreadyReviewed(ILogger logger);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Not reviewed ({Failure}): {Reason}")]
        public static partial void NotReviewed(ILogger logger, FetchFailure? failure, string reason);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Current head {HeadSha}: {Result}")]
        public static partial void CurrentHead(ILogger logger, string headSha, EnqueueResult result);
    }
}
