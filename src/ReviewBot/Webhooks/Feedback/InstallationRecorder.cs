using ReviewBot.Data.Feedback;

namespace ReviewBot.Webhooks.Feedback;

/// <summary>
/// <c>installation</c> (created, deleted, suspend, unsuspend) and <c>installation_repositories</c> (added): which
/// account installed ReviewBot, whether it is suspended (a removed installation counts as suspended), and which
/// repositories it covers.
/// </summary>
public sealed class InstallationRecorder(FeedbackStore store) : IWebhookHandler
{
    public bool CanHandle(string eventName) => eventName is "installation" or "installation_repositories";

    public async Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = delivery.Payload;
        if (payload.Installation is not { } installation)
        {
            return WebhookOutcome.Ignored("no installation in the delivery");
        }

        var suspended = payload.Action is "suspend" or "deleted" || (payload.Action != "unsuspend" && installation.SuspendedAt is not null);
        await store.UpsertInstallationAsync(installation.Id, installation.Account?.Login, suspended, cancellationToken).ConfigureAwait(false);
        foreach (var repository in (payload.Repositories ?? []).Concat(payload.RepositoriesAdded ?? []).Where(static r => r.FullName.Length > 0))
        {
            await store.UpsertRepositoryAsync(repository.FullName, repository.Id, installation.Id, cancellationToken).ConfigureAwait(false);
        }

        return new WebhookOutcome(WebhookDisposition.Recorded, $"installation {installation.Id} {payload.Action}");
    }
}
