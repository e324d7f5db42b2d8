using System.Net;
using System.Text.Json.Nodes;
using ReviewBot.Data;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Webhooks;

/// <summary>
/// Every recorded GitHub delivery, signed as GitHub signs it, through the real host (web role) on each engine: each is
/// accepted, and only the pull request actions that ask for a review queue one. A class of its own so it runs beside
/// the other webhook tests.
/// </summary>
public sealed class WebhookRecordedDeliveryTests
{
    private static readonly HashSet<string> ReviewActions = ["opened", "reopened", "synchronize", "ready_for_review"];

    public static TheoryData<StorageProvider, string> RecordedPayloads()
    {
        var data = new TheoryData<StorageProvider, string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Webhooks, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Webhooks, file);
            if (relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                data.Add(StorageProvider.Sqlite, relative);
                data.Add(StorageProvider.Postgres, relative);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedPayloads))]
    public async Task Post_RecordedDelivery_IsAcceptedAndQueuesOnlyReviewTriggers(StorageProvider engine, string payload)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var eventName = Path.GetDirectoryName(payload)!;
        var body = await File.ReadAllBytesAsync(RepositoryPaths.Payload(payload));

        using var response = await client.SendAsync(SignedDelivery.Create(body, eventName));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var action = JsonNode.Parse(body)!["action"]?.GetValue<string>();
        var expectedJobs = eventName == "pull_request" && action is not null && ReviewActions.Contains(action) ? 1 : 0;
        Assert.Equal(expectedJobs, (await QueuedJobs.ListAsync(app.Services)).Count);
    }
}
