using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Tests.Support;

/// <summary>What "the process is healthy afterwards" means: both health endpoints answer and a normal delivery is queued.</summary>
internal static class HostChecks
{
    /// <summary>A pull request no fault test uses, so its delivery always queues a new review.</summary>
    public const int HealthProbePull = 4242;

    public static async Task AssertHealthyAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        var payload = JsonNode.Parse(PullRequestFixture.OpenedDelivery())!;
        payload["number"] = HealthProbePull;
        payload["pull_request"]!["number"] = HealthProbePull;
        payload["pull_request"]!["head"]!["sha"] = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(40, '0');
        using var response = await client.SendAsync(SignedDelivery.Create(Encoding.UTF8.GetBytes(payload.ToJsonString()), "pull_request"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"queued\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
