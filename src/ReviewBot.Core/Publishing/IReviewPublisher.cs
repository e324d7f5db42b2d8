using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Publishing;

/// <summary>The pull request head a review run is about. Identifies one durable job.</summary>
public sealed record ReviewTarget
{
    /// <summary><c>owner/name</c>.</summary>
    public required string Repository { get; init; }

    public required int PullNumber { get; init; }

    public required string HeadSha { get; init; }

    /// <summary>The GitHub App installation to act as; null with a personal token or offline.</summary>
    public long? InstallationId { get; init; }

    /// <summary>The webhook delivery that asked for the review, for logs.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>
    /// The head of the pull request reviewed last, when there is one: the review then covers only what changed since.
    /// Not part of <see cref="Key"/>.
    /// </summary>
    public string? ReviewedBefore { get; init; }

    /// <summary>
    /// Set when someone asked for this head to be reviewed again (<c>@reviewbot review</c>): that request's id. The run
    /// then skips the "already reviewed" shortcut and reviews the whole change; the publisher still never repeats a
    /// comment (fingerprints), and counts only a review made for this same request as already posted.
    /// </summary>
    public string? Rerun { get; init; }

    /// <summary>Identifies this run in the hidden review marker and in the database.</summary>
    public string RunId { get; init; } = "";

    /// <summary>The stable job key: one job per (repository, pull request, head SHA).</summary>
    public string Key => $"{Repository}#{PullNumber}@{HeadSha}";
}

/// <summary>What happened when a review was handed to a publisher.</summary>
public enum PublishStatus
{
    /// <summary>A review was created.</summary>
    Posted,

    /// <summary>This head was already reviewed (marker found); nothing was sent.</summary>
    AlreadyPosted,

    /// <summary>No credentials: the review was stored and logged, not sent.</summary>
    DryRun,

    /// <summary>The pull request is closed, merged, a draft, or the installation is gone; the reason says which.</summary>
    Skipped,

    /// <summary>GitHub refused or failed in a way retrying will not fix; the reason says why.</summary>
    Failed,

    /// <summary>
    /// A transient failure (5xx, timeout, rate limit, a write whose outcome is unknown): the job should run again
    /// later. Safe, because a retry finds what was already posted by its hidden markers.
    /// </summary>
    RetryLater,
}

/// <summary>The outcome of publishing one review.</summary>
public sealed record PublishOutcome
{
    public required PublishStatus Status { get; init; }

    public long? ReviewId { get; init; }

    public IReadOnlyList<PostedComment> Comments { get; init; } = [];

    /// <summary>Findings that went into the body because GitHub would not take them inline.</summary>
    public int MovedToBody { get; init; }

    /// <summary>Findings not repeated because an earlier review already posted them.</summary>
    public int SkippedAsDuplicates { get; init; }

    public string? Reason { get; init; }
}

/// <summary>A comment as it stands on GitHub after posting.</summary>
public sealed record PostedComment(long? GitHubId, string Path, int Line, int? StartLine, string Fingerprint, string Body);

/// <summary>Sends a finished review to where maintainers read it.</summary>
public interface IReviewPublisher
{
    /// <summary>Publishes <paramref name="review"/> for <paramref name="target"/> at most once, whatever retries happen.</summary>
    Task<PublishOutcome> PublishAsync(ReviewTarget target, ReviewResult review, CancellationToken cancellationToken);
}
