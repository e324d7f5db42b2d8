using System.Collections.Concurrent;
using System.Net;
using ReviewBot.Data.Deliveries;

namespace ReviewBot.Tests.Support;

/// <summary>
/// Posts deliveries and remembers every answer, so a test can check the receiver's promise: a delivery answered 2xx
/// is in the <c>deliveries</c> table (nothing acknowledged is lost), one that was only ever refused left no trace.
/// </summary>
internal sealed class DeliveryLedger(HttpClient client)
{
    private readonly ConcurrentQueue<(string Id, HttpStatusCode Status)> _answers = new();

    public IReadOnlyList<(string Id, HttpStatusCode Status)> Answers => [.. _answers];

    public async Task<HttpStatusCode> PostAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Headers.TryGetValues("X-GitHub-Delivery", out var ids) ? ids.Single() : "";
        using (request)
        {
            using var response = await client.SendAsync(request);
            _answers.Enqueue((id, response.StatusCode));
            return response.StatusCode;
        }
    }

    public Task<HttpStatusCode> PostAsync(byte[] body, string eventName, string? deliveryId = null, string? secret = ReviewBotAppFactory.Secret, string? signature = null) =>
        PostAsync(SignedDelivery.Create(body, eventName, deliveryId, secret, signature));

    /// <summary>Every id answered 2xx is recorded; every id never answered 2xx is not.</summary>
    public async Task AssertNoLostRowAsync(IServiceProvider services)
    {
        var log = services.GetRequiredService<DeliveryLog>();
        var byId = Answers.Where(static a => a.Id.Length > 0).GroupBy(static a => a.Id, StringComparer.Ordinal);
        foreach (var answers in byId)
        {
            var acknowledged = answers.Any(static a => (int)a.Status is >= 200 and < 300);
            var recorded = await log.HasSeenAsync(answers.Key, CancellationToken.None);
            Assert.True(acknowledged == recorded,
                $"delivery {answers.Key} answered {string.Join(", ", answers.Select(static a => (int)a.Status))} but {(recorded ? "is" : "is not")} recorded");
        }
    }
}
