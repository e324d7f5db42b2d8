using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ReviewBot.Data.Deliveries;

namespace ReviewBot.Webhooks;

/// <summary>
/// <c>POST /webhooks/github</c>: read the raw body (capped), verify the signature in constant time, parse, drop
/// deliveries seen before, hand the delivery to its handlers, answer. Acknowledge, then work: nothing here calls
/// GitHub or a model; the review itself runs in a durable job. Only a few deliveries are stored and queued at once
/// (<see cref="WebhookOptions.MaxConcurrentAccepts"/>); the others wait in memory, because many writers at once
/// contend for the same locks (SQLite's write lock, Quartz's cluster-wide insert lock) and get slower, not faster.
/// Beyond <see cref="WebhookOptions.MaxWaitingDeliveries"/> waiting, a delivery is answered 503 before its body is read.
/// </summary>
public sealed partial class WebhookEndpoint(
    IEnumerable<IWebhookHandler> handlers,
    DeliveryLog deliveries,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookEndpoint> logger) : IDisposable
{
    private readonly SemaphoreSlim _accepting = new(options.CurrentValue.MaxConcurrentAccepts);
    private readonly int _maxInside = options.CurrentValue.MaxConcurrentAccepts + options.CurrentValue.MaxWaitingDeliveries;
    private int _inside;

    public const string Path = "/webhooks/github";

    /// <summary>What a 503 asks the sender to wait, in seconds.</summary>
    private const string RetryAfterSeconds = "5";

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Interlocked.Increment(ref _inside) > _maxInside)
        {
            Interlocked.Decrement(ref _inside);
            Log.Overloaded(logger, _maxInside);
            return Unavailable(http, "too many deliveries waiting; redeliver later");
        }

        try
        {
            return await ReceiveAsync(http).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var request = http.Request;
        var settings = options.CurrentValue;
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["DeliveryId"] = deliveryId, ["Event"] = eventName });

        var body = await WebhookBodyReader.ReadAsync(http, settings.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            Log.TooLarge(logger, settings.MaxBodyBytes);
            return Answer(StatusCodes.Status413PayloadTooLarge, "rejected", $"body larger than {settings.MaxBodyBytes} bytes");
        }

        if (!string.IsNullOrEmpty(settings.Secret))
        {
            var check = WebhookSignature.Verify(body.Value.Span, request.Headers[WebhookSignature.HeaderName], Encoding.UTF8.GetBytes(settings.Secret));
            if (check != SignatureCheck.Valid)
            {
                Log.BadSignature(logger, check);
                return Answer(StatusCodes.Status401Unauthorized, "rejected", $"signature {check.ToString().ToLowerInvariant()}");
            }
        }

        if (deliveryId.Length == 0 || eventName.Length == 0)
        {
            return Answer(StatusCodes.Status400BadRequest, "rejected", "X-GitHub-Delivery and X-GitHub-Event are required");
        }

        WebhookPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body.Value.Span, WebhookJsonContext.Default.WebhookPayload);
        }
        catch (JsonException ex)
        {
            Log.Malformed(logger, ex.Message);
            return Answer(StatusCodes.Status400BadRequest, "rejected", "malformed JSON");
        }

        if (payload is null)
        {
            return Answer(StatusCodes.Status400BadRequest, "rejected", "empty JSON payload");
        }

        if (payload.HasNullListElements)
        {
            Log.Malformed(logger, "null inside a list");
            return Answer(StatusCodes.Status400BadRequest, "rejected", "malformed JSON");
        }

        if (!await _accepting.WaitAsync(settings.AcceptQueueTimeout, http.RequestAborted).ConfigureAwait(false))
        {
            Log.Busy(logger, settings.AcceptQueueTimeout);
            return Unavailable(http, "too many deliveries at once; redeliver later");
        }

        try
        {
            return await AcceptAsync(new WebhookDelivery(deliveryId, eventName, payload, body.Value), http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.IsTransient(ex) && !http.RequestAborted.IsCancellationRequested)
        {
            // Nothing is lost: the delivery is not recorded as seen, so a redelivery (GitHub's "Redeliver", or a
            // sender that retries on 503) acts on it again, and the per-head job key keeps that from queueing twice.
            Log.StorageUnavailable(logger, ex);
            return Unavailable(http, "storage unavailable; redeliver later");
        }
        finally
        {
            _accepting.Release();
        }
    }

    public void Dispose() => _accepting.Dispose();

    private static IResult Unavailable(HttpContext http, string reason)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds;
        return Answer(StatusCodes.Status503ServiceUnavailable, "unavailable", reason);
    }

    private async Task<IResult> AcceptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (await deliveries.HasSeenAsync(delivery.Id, cancellationToken).ConfigureAwait(false))
        {
            Log.Duplicate(logger);
            return Answer(StatusCodes.Status200OK, "duplicate", "delivery already received");
        }

        var outcome = await DispatchAsync(delivery, cancellationToken).ConfigureAwait(false);

        // Recorded after acting: if this process dies in between, GitHub's redelivery acts again, and the job key
        // (one per repository, pull request and head SHA) keeps that from queueing a second review.
        var payload = delivery.Payload;
        await deliveries.TryRecordAsync(delivery.Id, delivery.Event, payload.Action, payload.Repository?.FullName, outcome.Disposition.ToString(), cancellationToken).ConfigureAwait(false);
        Log.Handled(logger, delivery.Event, payload.Action, outcome.Disposition, outcome.Reason);
        return Answer(StatusCodes.Status202Accepted, outcome.Disposition.ToString().ToLowerInvariant(), outcome.Reason);
    }

    private async Task<WebhookOutcome> DispatchAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        WebhookOutcome? result = null;
        foreach (var handler in handlers)
        {
            if (!handler.CanHandle(delivery.Event))
            {
                continue;
            }

            var outcome = await handler.HandleAsync(delivery, cancellationToken).ConfigureAwait(false);
            if (result is null || outcome.Disposition < result.Disposition)
            {
                result = outcome;
            }
        }

        return result ?? WebhookOutcome.Ignored($"event {delivery.Event} is not used");
    }

    private static IResult Answer(int status, string outcome, string reason) =>
        Results.Json(new WebhookResponse(outcome, reason), WebhookJsonContext.Default.WebhookResponse, statusCode: status);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Delivery {Event}.{Action}: {Disposition} ({Reason})")]
        public static partial void Handled(ILogger logger, string @event, string? action, WebhookDisposition disposition, string reason);

        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Delivery rejected: signature {Check}")]
        public static partial void BadSignature(ILogger logger, SignatureCheck check);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Delivery rejected: body over {Limit} bytes")]
        public static partial void TooLarge(ILogger logger, long limit);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Delivery rejected: malformed JSON ({Error})")]
        public static partial void Malformed(ILogger logger, string error);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Delivery already received; nothing to do")]
        public static partial void Duplicate(ILogger logger);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Delivery not accepted: storage unavailable; answered 503")]
        public static partial void StorageUnavailable(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Delivery not accepted: waited {Waited} for a turn to store it; answered 503")]
        public static partial void Busy(ILogger logger, TimeSpan waited);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Delivery not accepted: {Limit} deliveries already in this receiver; answered 503")]
        public static partial void Overloaded(ILogger logger, int limit);
    }
}

/// <summary>Reads a request body into memory, refusing anything over the cap without reading it all.</summary>
internal static class WebhookBodyReader
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext http, long limit, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > limit)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var capacity = (int)Math.Min(http.Request.ContentLength ?? 64 * 1024, limit);
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[64 * 1024];
        int read;
        try
        {
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
