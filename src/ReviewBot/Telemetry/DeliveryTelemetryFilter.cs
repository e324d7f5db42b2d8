using Microsoft.AspNetCore.Http.HttpResults;
using ReviewBot.Core.Telemetry;
using ReviewBot.Webhooks;

namespace ReviewBot.Telemetry;

/// <summary>Counts every webhook delivery by event and outcome, and traces it, whatever the endpoint answered.</summary>
public sealed class DeliveryTelemetryFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Request.Headers;
        var eventName = headers["X-GitHub-Event"].ToString() is { Length: > 0 and <= 64 } name ? name : "unknown";
        using var activity = ReviewBotTelemetry.ActivitySource.StartActivity("webhook delivery");
        activity?.SetTag("github.event", eventName);
        activity?.SetTag("github.delivery", headers["X-GitHub-Delivery"].ToString());
        var result = await next(context).ConfigureAwait(false);
        var outcome = result is JsonHttpResult<WebhookResponse> { Value: { } response } ? response.Outcome : "error";
        activity?.SetTag("reviewbot.outcome", outcome);
        ReviewBotTelemetry.Deliveries.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }
}
