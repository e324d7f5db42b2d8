using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;

namespace ReviewBot.Core.Storage;

/// <summary>Where a review run stands. Stored as text.</summary>
public enum ReviewRunStatus
{
    Running,
    Posted,
    AlreadyPosted,
    DryRun,
    Skipped,
    Failed,
}

/// <summary>A stored review run, as read back.</summary>
public sealed record StoredReview
{
    public required long Id { get; init; }

    public required string RunId { get; init; }

    public required string Repository { get; init; }

    public required int PullNumber { get; init; }

    public required string HeadSha { get; init; }

    public required ReviewRunStatus Status { get; init; }

    public string? Reason { get; init; }

    public long? GitHubReviewId { get; init; }

    public string? Summary { get; init; }

    public int CommentCount { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// Review runs with their full provenance: every FSBS candidate with its score and round, the comments posted
/// and the effective configuration. What the learning loop and the dataset export read.
/// </summary>
public interface IReviewStore
{
    /// <summary>True when a run for this (repository, pull request, head SHA) finished with a review (posted or dry-run).</summary>
    Task<bool> HasCompletedReviewAsync(ReviewTarget target, CancellationToken cancellationToken);

    /// <summary>Records the start of a run; returns its id.</summary>
    Task<long> StartRunAsync(ReviewTarget target, string effectiveConfigJson, CancellationToken cancellationToken);

    /// <summary>Replaces a run's effective configuration once the repository's own settings are known.</summary>
    Task UpdateConfigAsync(long runId, string effectiveConfigJson, CancellationToken cancellationToken);

    /// <summary>Stores the result, its candidates and the outcome of publishing.</summary>
    Task CompleteRunAsync(long runId, ReviewResult result, PublishOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Marks a run that ended without a review (skipped, failed) with the reason.</summary>
    Task EndRunAsync(long runId, ReviewRunStatus status, string reason, CancellationToken cancellationToken);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<StoredReview>> ListRecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Runs of one pull request head, oldest first.</summary>
    Task<IReadOnlyList<StoredReview>> ListForHeadAsync(string repository, int pullNumber, string headSha, CancellationToken cancellationToken);

    /// <summary>The head of the pull request's latest completed review other than <paramref name="exceptHeadSha"/>, or null.</summary>
    Task<string?> FindLastReviewedHeadAsync(string repository, int pullNumber, string exceptHeadSha, CancellationToken cancellationToken);
}
