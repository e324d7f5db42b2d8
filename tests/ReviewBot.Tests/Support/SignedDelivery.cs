using System.Net.Http.Headers;
using ReviewBot.Webhooks;

namespace ReviewBot.Tests.Support;

/// <summary>A webhook delivery as GitHub sends it: headers, and the signature of the raw bytes.</summary>
internal static class SignedDelivery
{
    public static HttpRequestMessage Create(byte[] body, string eventName, string? deliveryId = null, string? secret = ReviewBotAppFactory.Secret, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookEndpoint.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId ?? Guid.NewGuid().ToString());
        var header = signature ?? (secret is null ? null : WebhookSignature.Sign(body, secret));
        if (header is not null)
        {
            request.Headers.Add(WebhookSignature.HeaderName, header);
        }

        return request;
    }
}
