using Microsoft.Extensions.Options;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Data.Commands;
using ReviewBot.Data.Settings;

namespace ReviewBot.Webhooks;

/// <summary>
/// Queues a review for <c>pull_request</c> opened, reopened, synchronize and ready_for_review. Drafts (unless
/// configured, globally or by the repository) and deliveries sent by bots, ReviewBot included, are skipped, and so
/// are pull requests whose reviews were paused (<c>@reviewbot pause</c>).
/// </summary>
public sealed class PullRequestReviewTrigger(
    IReviewQueue queue,
    IOptionsMonitor<WebhookOptions> options,
    PullRequestStateStore pullRequests,
    RepositorySettingsStore repositories) : IWebhookHandler
{
    private static readonly HashSet<string> ReviewActions = new(StringComparer.Ordinal) { "opened", "reopened", "synchronize", "ready_for_review" };

    public bool CanHandle(string eventName) => eventName == "pull_request";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Action is null || !ReviewActions.Contains(payload.Action))
        {
            return WebhookOutcome.Ignored($"pull_request.{payload.Action} does not start a review");
        }

        if (payload.PullRequest is not { Head.Sha.Length: > 0 } pullRequest || payload.Repository is not { FullName.Length: > 0 } repository)
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, "payload has no pull request head or repository");
        }

        if (payload.Sender?.IsBot == true)
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, $"sender {payload.Sender.Login} is a bot");
        }

        // The repository's own `drafts: true` is known here from its last review job's reading of its settings.
        if (pullRequest.Draft && !options.CurrentValue.ReviewDrafts &&
            (await repositories.GetAsync(repository.FullName, cancellationToken).ConfigureAwait(false))?.ReviewDrafts != true)
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, "draft pull request");
        }

        if (await pullRequests.IsPausedAsync(repository.FullName, pullRequest.Number, cancellationToken).ConfigureAwait(false))
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, "reviews of this pull request are paused");
        }

        if (pullRequest.State != "open")
        {
            return new WebhookOutcome(WebhookDisposition.Skipped, $"pull request is {pullRequest.State}");
        }

        var target = new ReviewTarget
        {
            Repository = repository.FullName,
            PullNumber = pullRequest.Number,
            HeadSha = pullRequest.Head.Sha,
            InstallationId = payload.Installation?.Id,
            DeliveryId = delivery.Id,
        };
        var result = await queue.EnqueueAsync(target, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            EnqueueResult.Queued => new WebhookOutcome(WebhookDisposition.Queued, $"review of {target.Key} queued"),
            EnqueueResult.AlreadyQueued => new WebhookOutcome(WebhookDisposition.Skipped, $"review of {target.Key} is already queued"),
            _ => new WebhookOutcome(WebhookDisposition.Skipped, $"{target.Key} was already reviewed"),
        };
    }
}
