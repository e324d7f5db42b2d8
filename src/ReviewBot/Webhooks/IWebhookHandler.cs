namespace ReviewBot.Webhooks;

/// <summary>What a handler did with a delivery.</summary>
public enum WebhookDisposition
{
    /// <summary>A review job was queued.</summary>
    Queued,

    /// <summary>Facts from the delivery were stored (feedback, installation state).</summary>
    Recorded,

    /// <summary>The delivery was understood and deliberately not acted on (draft, bot sender, same head).</summary>
    Skipped,

    /// <summary>No handler is interested in this event or action.</summary>
    Ignored,
}

/// <summary>A handler's outcome.</summary>
public sealed record WebhookOutcome(WebhookDisposition Disposition, string Reason)
{
    public static WebhookOutcome Ignored(string reason) => new(WebhookDisposition.Ignored, reason);
}

/// <summary>A verified, parsed delivery. The raw body stays available for handlers that need more than the common fields.</summary>
public sealed record WebhookDelivery(string Id, string Event, WebhookPayload Payload, ReadOnlyMemory<byte> Body);

/// <summary>
/// Acts on one kind of delivery. Runs inside the webhook request: it may read and write ReviewBot's database and the
/// job queue, and must never call GitHub or a model.
/// </summary>
public interface IWebhookHandler
{
    bool CanHandle(string eventName);

    Task<WebhookOutcome> HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken);
}
