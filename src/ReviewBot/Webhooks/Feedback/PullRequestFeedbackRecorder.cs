using ReviewBot.Data.Feedback;

namespace ReviewBot.Webhooks.Feedback;

/// <summary>
/// <c>pull_request</c>: records the pull request's state and latest head (whether the flagged code changed at that
/// head is decided later by the poll job, never inside the request), the author's association, and for a pull
/// request ReviewBot reviewed, its merge or close as a feedback event.
/// </summary>
public sealed class PullRequestFeedbackRecorder(FeedbackStore store, TimeProvider timeProvider) : IWebhookHandler
{
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal) { "opened", "reopened", "synchronize", "ready_for_review", "edited", "closed" };

    public bool CanHandle(string eventName) => eventName == "pull_request";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Action is null || !Actions.Contains(payload.Action) || payload.PullRequest is not { } pr || payload.Repository is not { FullName.Length: > 0 } repository)
        {
            return WebhookOutcome.Ignored($"pull_request.{payload.Action} carries no feedback");
        }

        var closed = pr.State == "closed";
        var merged = pr.Merged == true || pr.MergedAt is not null;
        await store.UpsertRepositoryAsync(repository.FullName, repository.Id, payload.Installation?.Id, cancellationToken).ConfigureAwait(false);
        await store.UpsertPullRequestAsync(new PullRequestState
        {
            Repository = repository.FullName,
            Number = pr.Number,
            State = closed ? "closed" : "open",
            Merged = merged,
            ClosedAt = closed ? pr.ClosedAt ?? timeProvider.GetUtcNow() : null,
            HeadSha = pr.Head?.Sha is { Length: > 0 } sha ? sha : null,
            Author = pr.User?.Login,
            InstallationId = payload.Installation?.Id,
        }, cancellationToken).ConfigureAwait(false);
        if (pr.User is { Login.Length: > 0 } author && pr.AuthorAssociation is { Length: > 0 } association)
        {
            await store.LearnAssociationsAsync(repository.FullName, [(author.Login, association)], cancellationToken).ConfigureAwait(false);
        }

        if (!closed || !await store.HasReviewAsync(repository.FullName, pr.Number, cancellationToken).ConfigureAwait(false))
        {
            // Bookkeeping only: the review trigger's decision (queued, skipped) is what the delivery's answer reports.
            return WebhookOutcome.Ignored($"state of {repository.FullName}#{pr.Number} recorded");
        }

        var closedAt = pr.ClosedAt ?? timeProvider.GetUtcNow();
        await store.RecordAsync(
            [
                new FeedbackEvent
                {
                    Key = FeedbackEvents.PullRequestClosed(repository.FullName, pr.Number, merged, closedAt),
                    Repository = repository.FullName,
                    PullNumber = pr.Number,
                    Kind = merged ? FeedbackEventKind.PullRequestMerged : FeedbackEventKind.PullRequestClosed,
                    Actor = payload.Sender?.Login,
                    HeadSha = pr.Head?.Sha,
                    DeliveryId = delivery.Id,
                    OccurredAt = closedAt,
                },
            ],
            cancellationToken).ConfigureAwait(false);
        return new WebhookOutcome(WebhookDisposition.Recorded, $"{repository.FullName}#{pr.Number} {(merged ? "merged" : "closed")}");
    }
}
