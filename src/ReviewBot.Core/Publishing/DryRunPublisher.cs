using Microsoft.Extensions.Logging;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Publishing;

/// <summary>
/// The publisher used without GitHub credentials: the review is stored by the job and logged here, never sent.
/// </summary>
public sealed partial class DryRunPublisher(ILogger<DryRunPublisher> logger) : IReviewPublisher
{
    public Task<PublishOutcome> PublishAsync(ReviewTarget target, ReviewResult review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(review);
        Log.DryRun(logger, target.Repository, target.PullNumber, target.HeadSha, review.Comments.Count);
        return Task.FromResult(new PublishOutcome
        {
            Status = PublishStatus.DryRun,
            Comments = [.. review.Comments.Select(static c => new PostedComment(null, c.Path, c.Line, c.StartLine, c.Fingerprint, c.Body))],
            Reason = "no GitHub credentials configured",
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Dry run: review of {Repository}#{PullNumber} at {HeadSha} with {CommentCount} comment(s) stored, not posted")]
        public static partial void DryRun(ILogger logger, string repository, int pullNumber, string headSha, int commentCount);
    }
}
