using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Publishing;

public sealed partial class GitHubReviewPublisher
{
    private async Task<PublishOutcome> PostAsync(PublishRun run, ReviewResult review, PublishPlan plan, CancellationToken cancellationToken)
    {
        var drafts = plan.Inline.Select(static c => (Comment: c, Draft: Draft(c))).ToList();
        var moved = plan.Moved.ToList();
        var created = await CreateOnceAsync(run, Request(run, review, drafts, moved, plan.Duplicates), cancellationToken).ConfigureAwait(false);
        if (created.Status == GitHubStatus.Unprocessable && drafts.Count > 0)
        {
            // The diff says these comments fit, GitHub says one does not. Find which without submitting anything.
            var refusal = created.Error?.Describe() ?? "422";
            Log.Refused(logger, refusal, drafts.Count);
            if (await CheckPullRequestAsync(run, cancellationToken).ConfigureAwait(false) is { } moveOn)
            {
                return moveOn;
            }

            var search = Search(run);
            var (accepted, refused) = await search.SplitAsync(drafts, cancellationToken).ConfigureAwait(false);
            Log.Narrowed(logger, refused.Count, search.ProbesUsed);
            moved.AddRange(refused.Select(r => (r.Comment, $"GitHub refused it ({refusal})")));
            drafts = [.. accepted];
            created = await CreateOnceAsync(run, Request(run, review, drafts, moved, plan.Duplicates), cancellationToken).ConfigureAwait(false);
            if (created.Status == GitHubStatus.Unprocessable && drafts.Count > 0)
            {
                moved.AddRange(drafts.Select(d => (d.Comment, $"GitHub refused it ({refusal})")));
                drafts.Clear();
                created = await CreateOnceAsync(run, Request(run, review, drafts, moved, plan.Duplicates), cancellationToken).ConfigureAwait(false);
            }
        }

        if (!created.IsOk)
        {
            return new PublishOutcome
            {
                Status = FailureOf(created.Status),
                Reason = "creating the review: " + created.Describe(),
                MovedToBody = moved.Count,
                SkippedAsDuplicates = plan.Duplicates,
            };
        }

        var ids = await CommentIdsAsync(run, created.Value!.Id, cancellationToken).ConfigureAwait(false);
        Log.Posted(logger, created.Value.Id, drafts.Count, moved.Count, plan.Duplicates);
        return new PublishOutcome
        {
            Status = PublishStatus.Posted,
            ReviewId = created.Value.Id,
            Comments =
            [
                .. drafts.Select(d => new PostedComment(ids.TryGetValue(d.Comment.Fingerprint, out var id) ? id : null, d.Comment.Path, d.Comment.Line, d.Comment.StartLine, d.Comment.Fingerprint, d.Comment.Body)),
                .. moved.Select(static m => new PostedComment(null, m.Comment.Path, m.Comment.Line, m.Comment.StartLine, m.Comment.Fingerprint, m.Comment.Body)),
            ],
            MovedToBody = moved.Count,
            SkippedAsDuplicates = plan.Duplicates,
        };
    }

    /// <summary>
    /// Creates the review; when the answer is lost (timeout, 5xx after sending), looks for it by its marker before
    /// sending it again, and sends it again at most once. After a timeout (no answer at all) it is not sent again in
    /// this run: GitHub may still apply the first create after the look-up, so the run ends unknown and the job's
    /// next attempt, a retry delay later, looks for it again before posting.
    /// </summary>
    private async Task<GitHubResult<PullRequestReview>> CreateOnceAsync(PublishRun run, CreateReviewRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var created = await client.CreateReviewAsync(run.Call, run.Repository, run.Target.PullNumber, request, cancellationToken).ConfigureAwait(false);
            if (created.Status != GitHubStatus.UnknownOutcome)
            {
                return created;
            }

            Log.LookingForLostReview(logger, created.Describe());
            var reviews = await client.ListReviewsAsync(run.Call, run.Repository, run.Target.PullNumber, cancellationToken).ConfigureAwait(false);
            if (!reviews.IsOk)
            {
                return created with { Message = $"{created.Message}; and the check for it failed: {reviews.Describe()}" };
            }

            if (FindPosted(reviews.Value!, run.Target) is { } found)
            {
                Log.FoundLostReview(logger, found.Id);
                return GitHubResult.Ok(found);
            }

            if (attempt == 1 || created.HttpStatus == 0)
            {
                return created;
            }
        }
    }

    private CreateReviewRequest Request(
        PublishRun run, ReviewResult review, List<(ReviewComment Comment, DraftReviewComment Draft)> drafts, List<(ReviewComment Comment, string Why)> moved, int duplicates)
    {
        var body = new StringBuilder(review.Summary.Trim());
        if (moved.Count > 0)
        {
            body.Append("\n\n**Findings that could not be placed on the diff**");
            foreach (var (comment, why) in moved)
            {
                var lines = comment.StartLine is { } start && start != comment.Line ? $"lines {start}-{comment.Line}" : $"line {comment.Line}";
                body.Append(CultureInfo.InvariantCulture, $"\n\n`{comment.Path}` {lines}: {comment.Body.Trim()}");
                Log.Moved(logger, comment.Path, comment.Line, why);
            }
        }

        if (duplicates > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n\n{duplicates} finding{(duplicates == 1 ? " was" : "s were")} already raised on an earlier commit and {(duplicates == 1 ? "is" : "are")} not repeated.");
        }

        var marker = ReviewMarkers.Review(run.Target.HeadSha, run.Target.RunId);
        var text = Cap(body.ToString(), MaxBodyChars - marker.Length - 2) + "\n\n" + marker;
        return new CreateReviewRequest
        {
            CommitId = run.Target.HeadSha,
            Event = "COMMENT",
            Body = text,
            Comments = [.. drafts.Select(static d => d.Draft)],
        };
    }

    internal static DraftReviewComment Draft(ReviewComment comment)
    {
        var marker = ReviewMarkers.Fingerprint(comment.Fingerprint);
        var multiLine = comment.StartLine is { } start && start != comment.Line;
        return new DraftReviewComment
        {
            Path = comment.Path,
            Body = Cap(comment.Body, MaxBodyChars - marker.Length - 2) + "\n\n" + marker,
            Line = comment.Line,
            Side = comment.Side,
            StartLine = multiLine ? comment.StartLine : null,
            StartSide = multiLine ? comment.Side : null,
        };
    }

    /// <summary>The comment ids of a posted review, by fingerprint (best effort: an empty map if GitHub does not answer).</summary>
    private async Task<Dictionary<string, long>> CommentIdsAsync(PublishRun run, long reviewId, CancellationToken cancellationToken)
    {
        var comments = await client.ListCommentsOfReviewAsync(run.Call, run.Repository, run.Target.PullNumber, reviewId, cancellationToken).ConfigureAwait(false);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var comment in comments.Value ?? [])
        {
            if (ReviewMarkers.FingerprintOf(comment.Body) is { } fingerprint)
            {
                ids.TryAdd(fingerprint, comment.Id);
            }
        }

        return ids;
    }

    /// <summary>What the earlier run posted, as GitHub holds it, so the job can record it if it did not.</summary>
    private async Task<PublishOutcome> AlreadyPostedAsync(PublishRun run, PullRequestReview existing, ReviewResult review, CancellationToken cancellationToken)
    {
        var comments = await client.ListCommentsOfReviewAsync(run.Call, run.Repository, run.Target.PullNumber, existing.Id, cancellationToken).ConfigureAwait(false);
        var posted = (comments.Value ?? [])
            .Select(static c => (Comment: c, Fingerprint: ReviewMarkers.FingerprintOf(c.Body)))
            .Where(static c => c.Fingerprint is not null)
            .Select(static c => new PostedComment(c.Comment.Id, c.Comment.Path, c.Comment.Line ?? c.Comment.OriginalLine ?? 0, c.Comment.StartLine, c.Fingerprint!, StripMarker(c.Comment.Body)))
            .ToList();
        return new PublishOutcome
        {
            Status = PublishStatus.AlreadyPosted,
            ReviewId = existing.Id,
            Comments = posted,
            Reason = $"review {existing.Id} already covers head {run.Target.HeadSha}; {review.Comments.Count} new finding(s) not sent",
        };
    }

    private static string StripMarker(string body)
    {
        var index = body.LastIndexOf("\n\n<!-- reviewbot:fp=", StringComparison.Ordinal);
        return index < 0 ? body : body[..index];
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static partial class Log
    {
        [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Review {ReviewId} posted: {Inline} inline, {Moved} in the body, {Duplicates} not repeated")]
        public static partial void Posted(ILogger logger, long reviewId, int inline, int moved, int duplicates);

        [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Review {ReviewId} already covers this head; nothing sent")]
        public static partial void AlreadyPosted(ILogger logger, long reviewId);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Creating the review: outcome unknown ({Outcome}); looking for it by its marker before retrying")]
        public static partial void LookingForLostReview(ILogger logger, string outcome);

        [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "The review whose answer was lost exists: {ReviewId}")]
        public static partial void FoundLostReview(ILogger logger, long reviewId);

        [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "GitHub refused the review ({Refusal}); narrowing down {Count} inline comment(s)")]
        public static partial void Refused(ILogger logger, string refusal, int count);

        [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "{Refused} comment(s) refused, found with {Probes} pending-review probe(s)")]
        public static partial void Narrowed(ILogger logger, int refused, int probes);

        [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Comment on {Path}:{Line} goes into the review body: {Why}")]
        public static partial void Moved(ILogger logger, string path, int line, string why);

        [LoggerMessage(EventId = 2207, Level = LogLevel.Information, Message = "All {Duplicates} finding(s) were posted on an earlier commit; no review sent")]
        public static partial void AllDuplicates(ILogger logger, int duplicates);
    }
}
