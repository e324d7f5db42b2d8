using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Sources;

namespace ReviewBot.GitHub.Publishing;

/// <summary>
/// Posts one review per run (<c>event: COMMENT</c>, pinned to the reviewed head SHA) exactly once:
/// <list type="number">
/// <item>The pull request must still be open at that head (else <see cref="PublishStatus.Skipped"/>).</item>
/// <item>A review of ReviewBot's whose hidden marker names this head already exists → <see cref="PublishStatus.AlreadyPosted"/>, nothing sent.</item>
/// <item>A finding whose fingerprint is already in one of ReviewBot's comments (an earlier push) is not repeated.</item>
/// <item>Every comment is checked against the parsed diff of that head; one that does not fit goes into the body.</item>
/// <item>A create that timed out or failed with 5xx is looked for by its marker before it is retried, once.</item>
/// <item>A 422 is narrowed down with pending-review probes (<see cref="RejectedCommentSearch"/>); the refused
/// comments move into the body, so one bad comment never sinks a review, and at most one review is ever submitted.</item>
/// </list>
/// ReviewBot never edits or deletes a submitted review or comment (so never one someone replied to); the only
/// deletions are its own pending probes, which nobody else can see. Comment bodies arrive sanitized; only the
/// hidden markers are added here.
/// </summary>
public sealed partial class GitHubReviewPublisher(GitHubRestClient client, IOptions<GitHubOptions> options, ILogger<GitHubReviewPublisher> logger) : IReviewPublisher
{
    /// <summary>GitHub refuses bodies over 65,536 characters; ReviewBot stays well below.</summary>
    public const int MaxBodyChars = 60_000;

    public async Task<PublishOutcome> PublishAsync(ReviewTarget target, ReviewResult review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(review);
        if (!RepositoryName.TryParse(target.Repository, out var repository))
        {
            return Outcome(PublishStatus.Failed, $"'{target.Repository}' is not an owner/name repository");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["DeliveryId"] = target.DeliveryId,
            ["Repository"] = target.Repository,
            ["PullNumber"] = target.PullNumber,
            ["HeadSha"] = target.HeadSha,
            ["RunId"] = target.RunId,
        });
        var run = new PublishRun(target, repository, new GitHubCall(target.InstallationId, target.DeliveryId));

        var stillOpen = await CheckPullRequestAsync(run, cancellationToken).ConfigureAwait(false);
        if (stillOpen is not null)
        {
            return stillOpen;
        }

        var reviews = await client.ListReviewsAsync(run.Call, repository, target.PullNumber, cancellationToken).ConfigureAwait(false);
        if (!reviews.IsOk)
        {
            return Outcome(FailureOf(reviews.Status), "listing reviews: " + reviews.Describe());
        }

        if (FindPosted(reviews.Value!, target) is { } existing)
        {
            Log.AlreadyPosted(logger, existing.Id);
            return await AlreadyPostedAsync(run, existing, review, cancellationToken).ConfigureAwait(false);
        }

        if (reviews.Value!.Any(r => r.State == "PENDING" && IsOurs(r.User)))
        {
            await Search(run).DeletePendingProbesAsync(cancellationToken).ConfigureAwait(false);
        }

        var earlier = await client.ListReviewCommentsAsync(run.Call, repository, target.PullNumber, cancellationToken).ConfigureAwait(false);
        if (!earlier.IsOk)
        {
            return Outcome(FailureOf(earlier.Status), "listing review comments: " + earlier.Describe());
        }

        var diff = await PullRequestDiffReader.ReadAsync(client, run.Call, repository, target.PullNumber, logger, cancellationToken).ConfigureAwait(false);
        if (!diff.IsOk)
        {
            return Outcome(FailureOf(diff.Status), diff.Error ?? "diff unavailable");
        }

        var plan = Plan(review, diff.Diff!, PostedFingerprints(earlier.Value!));
        if (plan.Inline.Count == 0 && plan.Moved.Count == 0 && plan.Duplicates > 0 && review.FileNotes.Count == 0)
        {
            Log.AllDuplicates(logger, plan.Duplicates);
            return new PublishOutcome
            {
                Status = PublishStatus.Skipped,
                SkippedAsDuplicates = plan.Duplicates,
                Reason = "every finding was already posted on an earlier commit",
            };
        }

        return await PostAsync(run, review, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Transient failures make the job run again later; the rest end the run.</summary>
    internal static PublishStatus FailureOf(GitHubStatus status) =>
        status is GitHubStatus.Transient or GitHubStatus.RateLimited or GitHubStatus.UnknownOutcome ? PublishStatus.RetryLater : PublishStatus.Failed;

    /// <summary>Null when the pull request is still open at the target head; otherwise the outcome to return.</summary>
    private async Task<PublishOutcome?> CheckPullRequestAsync(PublishRun run, CancellationToken cancellationToken)
    {
        var pr = await client.GetPullRequestAsync(run.Call, run.Repository, run.Target.PullNumber, cancellationToken).ConfigureAwait(false);
        if (!pr.IsOk)
        {
            var gone = pr.Status is GitHubStatus.NotFound or GitHubStatus.Gone or GitHubStatus.Forbidden or GitHubStatus.Unauthorized;
            return Outcome(gone ? PublishStatus.Skipped : FailureOf(pr.Status), "pull request: " + pr.Describe());
        }

        if (!pr.Value!.IsOpen)
        {
            return Outcome(PublishStatus.Skipped, pr.Value.IsMerged ? "the pull request was merged" : "the pull request was closed");
        }

        return string.Equals(pr.Value.Head.Sha, run.Target.HeadSha, StringComparison.OrdinalIgnoreCase)
            ? null
            : Outcome(PublishStatus.Skipped, $"the head moved to {pr.Value.Head.Sha}; the new head gets its own review");
    }

    /// <summary>Which comments go inline, which into the body (with why), and how many were posted before.</summary>
    internal static PublishPlan Plan(ReviewResult review, UnifiedDiff diff, IReadOnlySet<string> postedFingerprints)
    {
        var inline = new List<ReviewComment>();
        var moved = new List<(ReviewComment Comment, string Why)>();
        var duplicates = 0;
        foreach (var comment in review.Comments)
        {
            if (postedFingerprints.Contains(comment.Fingerprint))
            {
                duplicates++;
            }
            else if (CommentValidator.Problem(diff, comment) is { } problem)
            {
                moved.Add((comment, problem));
            }
            else
            {
                inline.Add(comment);
            }
        }

        return new PublishPlan(inline, moved, duplicates);
    }

    /// <summary>ReviewBot's review of this head; for a review asked for again, only one made for that same request.</summary>
    private PullRequestReview? FindPosted(IEnumerable<PullRequestReview> reviews, ReviewTarget target) =>
        reviews.FirstOrDefault(r => r.State != "PENDING" && IsOurs(r.User) &&
            string.Equals(ReviewMarkers.ReviewedHead(r.Body), target.HeadSha, StringComparison.OrdinalIgnoreCase) &&
            (target.Rerun is not { } rerun || (ReviewMarkers.ReviewRun(r.Body)?.StartsWith(ReviewMarkers.RerunPrefix(rerun), StringComparison.Ordinal) ?? false)));

    private HashSet<string> PostedFingerprints(IEnumerable<PullRequestReviewComment> comments) =>
        [.. comments.Where(c => IsOurs(c.User)).Select(static c => ReviewMarkers.FingerprintOf(c.Body)).OfType<string>()];

    /// <summary>
    /// Is this ReviewBot's? With <c>GitHub:BotLogin</c>, that login; with App credentials, any Bot account (the
    /// marker does the rest); with a personal token or none, any author carrying the marker.
    /// </summary>
    internal bool IsOurs(GitHubUser? user)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.BotLogin))
        {
            return string.Equals(user?.Login, settings.BotLogin, StringComparison.OrdinalIgnoreCase);
        }

        return !settings.HasAppCredentials || string.Equals(user?.Type, "Bot", StringComparison.Ordinal);
    }

    private RejectedCommentSearch Search(PublishRun run) =>
        new(client, run.Call, run.Repository, run.Target.PullNumber, run.Target.HeadSha, options.Value.MaxBisectionProbes, r => IsOurs(r.User), logger);

    private static PublishOutcome Outcome(PublishStatus status, string reason) => new() { Status = status, Reason = reason };

    internal sealed record PublishRun(ReviewTarget Target, RepositoryName Repository, GitHubCall Call);

    internal sealed record PublishPlan(IReadOnlyList<ReviewComment> Inline, IReadOnlyList<(ReviewComment Comment, string Why)> Moved, int Duplicates);
}
