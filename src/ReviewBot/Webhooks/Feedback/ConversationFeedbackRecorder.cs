using System.Globalization;
using ReviewBot.Core.Diffs;
using ReviewBot.Data.Feedback;

namespace ReviewBot.Webhooks.Feedback;

/// <summary>
/// <c>issue_comment</c> created or edited on a pull request ReviewBot reviewed ("the bot is wrong about X"). It is
/// tied to one of ReviewBot's comments when it links to it (<c>#discussion_r{id}</c>) or quotes it (a <c>&gt;</c>
/// line holding a line of the comment's quote or body); otherwise it is kept for the pull request as a whole.
/// </summary>
public sealed class ConversationFeedbackRecorder(FeedbackStore store, BotIdentity bots) : IWebhookHandler
{
    public bool CanHandle(string eventName) => eventName == "issue_comment";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Action is not ("created" or "edited") || payload.Issue is not { PullRequest: not null } issue
            || payload.Comment is not { User: { } user } comment || payload.Repository is not { FullName.Length: > 0 } repository)
        {
            return WebhookOutcome.Ignored($"issue_comment.{payload.Action} is not a conversation comment on a pull request");
        }

        if (bots.IsBot(user.Login, user.Type))
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, $"comment by bot {user.Login}");
        }

        if (comment.AuthorAssociation is { Length: > 0 } association)
        {
            await store.LearnAssociationsAsync(repository.FullName, [(user.Login, association)], cancellationToken).ConfigureAwait(false);
        }

        var ours = await store.ListPostedCommentsAsync(repository.FullName, issue.Number, cancellationToken).ConfigureAwait(false);
        if (ours.Count == 0)
        {
            return WebhookOutcome.Ignored("ReviewBot posted no comment on this pull request");
        }

        var target = About(comment.Body ?? "", ours);
        var edited = payload.Action == "edited";
        await store.RecordAsync(
            [
                new FeedbackEvent
                {
                    Key = edited ? FeedbackEvents.ConversationCommentEdited(comment.Id, comment.UpdatedAt) : FeedbackEvents.ConversationComment(comment.Id),
                    Repository = repository.FullName,
                    PullNumber = issue.Number,
                    CommentId = target,
                    Kind = edited ? FeedbackEventKind.ConversationCommentEdited : FeedbackEventKind.ConversationComment,
                    Actor = user.Login,
                    AuthorAssociation = comment.AuthorAssociation,
                    Content = comment.Body,
                    SourceId = comment.Id,
                    DeliveryId = delivery.Id,
                    OccurredAt = edited ? comment.UpdatedAt : comment.CreatedAt,
                },
            ],
            cancellationToken).ConfigureAwait(false);
        return new WebhookOutcome(WebhookDisposition.Recorded, target is null ? "conversation comment on the pull request" : $"conversation comment about ReviewBot comment {target}");
    }

    /// <summary>The ReviewBot comment a conversation comment is about, if it says so by link or quote.</summary>
    internal static long? About(string body, IReadOnlyList<PostedCommentRef> ours)
    {
        foreach (var c in ours)
        {
            if (body.Contains("discussion_r" + c.CommentId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return c.CommentId;
            }
        }

        var quoted = body.Split('\n').Where(static l => l.TrimStart().StartsWith('>')).Select(static l => l.TrimStart().TrimStart('>').Trim()).Where(static l => l.Length >= 8).ToList();
        var matches = ours.Where(c => quoted.Exists(q => QuoteLocator.SplitQuote(c.Quote).Contains(q) || c.Body.Contains(q, StringComparison.Ordinal))).ToList();
        return matches.Count == 1 ? matches[0].CommentId : null;
    }
}
