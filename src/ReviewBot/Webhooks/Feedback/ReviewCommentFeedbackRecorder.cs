using ReviewBot.Data.Feedback;

namespace ReviewBot.Webhooks.Feedback;

/// <summary>
/// <c>pull_request_review_comment</c> created, edited or deleted: a person's reply (<c>in_reply_to_id</c>) to one of
/// ReviewBot's comments becomes a reply event with its text. ReviewBot's own replies and other bots' are ignored.
/// </summary>
public sealed class ReviewCommentFeedbackRecorder(FeedbackStore store, BotIdentity bots, TimeProvider timeProvider) : IWebhookHandler
{
    public bool CanHandle(string eventName) => eventName == "pull_request_review_comment";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Comment is not { } comment || payload.Repository is not { FullName.Length: > 0 } repository || comment.User is not { } user)
        {
            return WebhookOutcome.Ignored("no comment in the delivery");
        }

        if (bots.IsBot(user.Login, user.Type))
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, $"comment by bot {user.Login}");
        }

        if (comment.AuthorAssociation is { Length: > 0 } association)
        {
            await store.LearnAssociationsAsync(repository.FullName, [(user.Login, association)], cancellationToken).ConfigureAwait(false);
        }

        if (comment.InReplyToId is not { } parentId || await store.FindPostedCommentAsync(parentId, cancellationToken).ConfigureAwait(false) is not { } parent)
        {
            return WebhookOutcome.Ignored("not a reply to a ReviewBot comment");
        }

        IReadOnlyList<FeedbackEvent> events = payload.Action switch
        {
            "created" => [.. FeedbackEventFactory.Reply(parent.Repository, parent.PullNumber, parentId, comment.Id, user.Login, comment.AuthorAssociation, comment.Body, comment.CreatedAt, comment.UpdatedAt, delivery.Id)],
            "edited" => [FeedbackEventFactory.Edited(parent.Repository, parent.PullNumber, parentId, comment.Id, user.Login, comment.AuthorAssociation, comment.Body, comment.UpdatedAt, delivery.Id)],
            "deleted" =>
            [
                new FeedbackEvent
                {
                    Key = FeedbackEvents.ReplyDeleted(comment.Id),
                    Repository = parent.Repository,
                    PullNumber = parent.PullNumber,
                    CommentId = parentId,
                    Kind = FeedbackEventKind.ReplyDeleted,
                    Actor = user.Login,
                    AuthorAssociation = comment.AuthorAssociation,
                    SourceId = comment.Id,
                    DeliveryId = delivery.Id,
                    OccurredAt = timeProvider.GetUtcNow(),
                },
            ],
            _ => [],
        };
        if (events.Count == 0)
        {
            return WebhookOutcome.Ignored($"pull_request_review_comment.{payload.Action} carries no feedback");
        }

        await store.RecordAsync(events, cancellationToken).ConfigureAwait(false);
        return new WebhookOutcome(WebhookDisposition.Recorded, $"reply {payload.Action} on ReviewBot comment {parentId}");
    }
}
