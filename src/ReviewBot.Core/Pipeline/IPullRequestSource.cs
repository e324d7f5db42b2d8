using ReviewBot.Core.Publishing;

namespace ReviewBot.Core.Pipeline;

/// <summary>Why a pull request could not be had for review.</summary>
public enum FetchFailure
{
    /// <summary>The pull request, repository or installation no longer exists (404, 410, suspended).</summary>
    Gone,

    /// <summary>The pull request is closed or merged, or its head moved past the SHA asked for.</summary>
    Stale,

    /// <summary>A transient failure (5xx, timeout, rate limit): the job should be retried later.</summary>
    Transient,

    /// <summary>The source answered with something unusable (malformed diff, 4xx); retrying will not help.</summary>
    Invalid,
}

/// <summary>A pull request ready for the pipeline, or why not.</summary>
public sealed record PullRequestFetchResult
{
    public ChangeContext? Context { get; init; }

    public FetchFailure? Failure { get; init; }

    public string? Reason { get; init; }

    /// <summary>With <see cref="FetchFailure.Stale"/> because the head moved: the head the pull request is at now.</summary>
    public string? CurrentHeadSha { get; init; }

    public bool IsSuccess => Context is not null;

    public static PullRequestFetchResult Success(ChangeContext context) => new() { Context = context };

    public static PullRequestFetchResult Failed(FetchFailure failure, string reason) => new() { Failure = failure, Reason = reason };
}

/// <summary>Fetches what a review job needs: the pull request, its diff at the head SHA, and whole files.</summary>
public interface IPullRequestSource
{
    Task<PullRequestFetchResult> FetchAsync(ReviewTarget target, CancellationToken cancellationToken);
}
