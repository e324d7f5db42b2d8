namespace ReviewBot.Data.Feedback;

/// <summary>Builds feedback events the same way whether a webhook or the poller saw the fact, so their keys agree.</summary>
public static class FeedbackEventFactory
{
    /// <summary>A reply to ReviewBot's comment <paramref name="parentId"/>: created, and edited when it was changed since.</summary>
    public static IEnumerable<FeedbackEvent> Reply(
        string repository, int pullNumber, long parentId, long replyId, string login, string? association, string? body,
        DateTimeOffset createdAt, DateTimeOffset updatedAt, string? deliveryId)
    {
        yield return new FeedbackEvent
        {
            Key = FeedbackEvents.ReplyCreated(replyId),
            Repository = repository,
            PullNumber = pullNumber,
            CommentId = parentId,
            Kind = FeedbackEventKind.ReplyCreated,
            Actor = login,
            AuthorAssociation = association,
            Content = body,
            SourceId = replyId,
            DeliveryId = deliveryId,
            OccurredAt = createdAt,
        };
        if (updatedAt - createdAt > TimeSpan.FromSeconds(1))
        {
            yield return Edited(repository, pullNumber, parentId, replyId, login, association, body, updatedAt, deliveryId);
        }
    }

    public static FeedbackEvent Edited(string repository, int pullNumber, long parentId, long replyId, string login, string? association, string? body, DateTimeOffset updatedAt, string? deliveryId) => new()
    {
        Key = FeedbackEvents.ReplyEdited(replyId, updatedAt),
        Repository = repository,
        PullNumber = pullNumber,
        CommentId = parentId,
        Kind = FeedbackEventKind.ReplyEdited,
        Actor = login,
        AuthorAssociation = association,
        Content = body,
        SourceId = replyId,
        DeliveryId = deliveryId,
        OccurredAt = updatedAt,
    };

    /// <summary>A reaction that appeared on a comment, or (with <paramref name="removedAt"/>) one that went away.</summary>
    public static FeedbackEvent Reaction(PollTarget target, long commentId, StoredReaction reaction, string? association, DateTimeOffset? removedAt)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(reaction);
        return new FeedbackEvent
        {
            Key = removedAt is null ? FeedbackEvents.ReactionAdded(reaction.ReactionId) : FeedbackEvents.ReactionRemoved(reaction.ReactionId),
            Repository = target.Repository,
            PullNumber = target.PullNumber,
            CommentId = commentId,
            Kind = removedAt is null ? FeedbackEventKind.ReactionAdded : FeedbackEventKind.ReactionRemoved,
            Actor = reaction.Login,
            AuthorAssociation = association,
            Content = reaction.Content,
            SourceId = reaction.ReactionId,
            OccurredAt = removedAt ?? reaction.CreatedAt,
        };
    }
}
