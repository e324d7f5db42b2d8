using ReviewBot.Data.Feedback;

namespace ReviewBot.Webhooks.Feedback;

/// <summary>
/// <c>pull_request_review_thread</c> resolved or unresolved: when the thread was opened by a ReviewBot comment (its
/// first comment), the act is recorded with who did it. A thread ReviewBot itself resolves is not feedback.
/// </summary>
public sealed class ReviewThreadFeedbackRecorder(FeedbackStore store, BotIdentity bots, TimeProvider timeProvider) : IWebhookHandler
{
    public bool CanHandle(string eventName) => eventName == "pull_request_review_thread";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Action is not ("resolved" or "unresolved") || payload.Thread is not { } thread || payload.Repository is null)
        {
            return WebhookOutcome.Ignored($"pull_request_review_thread.{payload.Action} carries no feedback");
        }

        if (payload.Sender is { } sender && bots.IsBot(sender.Login, sender.Type))
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, $"thread {payload.Action} by bot {sender.Login}");
        }

        var opening = thread.Comments.FirstOrDefault(static c => c.InReplyToId is null) ?? (thread.Comments.Count > 0 ? thread.Comments[0] : null);
        if (opening is null || await store.FindPostedCommentAsync(opening.Id, cancellationToken).ConfigureAwait(false) is not { } ours)
        {
            return WebhookOutcome.Ignored("not a thread of a ReviewBot comment");
        }

        var resolved = payload.Action == "resolved";
        var actor = payload.Sender?.Login;
        var association = actor is null ? null : await store.FindAssociationAsync(ours.Repository, actor, cancellationToken).ConfigureAwait(false);
        await store.RecordAsync(
            [
                new FeedbackEvent
                {
                    Key = FeedbackEvents.Thread(thread.NodeId.Length > 0 ? thread.NodeId : $"comment-{opening.Id}", resolved, delivery.Id),
                    Repository = ours.Repository,
                    PullNumber = ours.PullNumber,
                    CommentId = ours.CommentId,
                    Kind = resolved ? FeedbackEventKind.ThreadResolved : FeedbackEventKind.ThreadUnresolved,
                    Actor = actor,
                    AuthorAssociation = association,
                    Content = thread.NodeId,
                    DeliveryId = delivery.Id,
                    OccurredAt = timeProvider.GetUtcNow(),
                },
            ],
            cancellationToken).ConfigureAwait(false);
        return new WebhookOutcome(WebhookDisposition.Recorded, $"thread of ReviewBot comment {ours.CommentId} {payload.Action}");
    }
}
