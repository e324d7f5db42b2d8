using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ReviewBot.Data;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;
using ReviewBot.Webhooks;

namespace ReviewBot.Tests.Webhooks;

/// <summary>
/// The real host (web role: it queues, it never runs jobs) fed with GitHub's recorded deliveries, signed with HMAC
/// exactly as GitHub signs them.
/// </summary>
public sealed class WebhookEndpointTests
{
    public static IEnumerable<object[]> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_PullRequestOpened_QueuesOneJobKeyedByRepositoryPullAndHead(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"queued\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var queued = Assert.Single(await QueuedJobs.ListAsync(app.Services));
        Assert.Equal("Codertocat/Hello-World#2", queued.Job);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", queued.HeadSha);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_SameDeliveryTwice_SecondIsADuplicateAndQueuesNothing(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var id = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request", id));
        using var second = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request", id));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("\"duplicate\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await QueuedJobs.ListAsync(app.Services));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_NewDeliveriesForTheSameHead_QueueOneJob(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(SignedDelivery.Create(Synchronize(), "pull_request"))));

        Assert.All(responses, static r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(await QueuedJobs.ListAsync(app.Services));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_NewerHeadWhileOneWaits_ReplacesTheWaitingHead(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var newer = new string('a', 40);

        using var first = await client.SendAsync(SignedDelivery.Create(Synchronize(), "pull_request"));
        using var second = await client.SendAsync(SignedDelivery.Create(Synchronize(headSha: newer), "pull_request"));

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var queued = Assert.Single(await QueuedJobs.ListAsync(app.Services));
        Assert.Equal(newer, queued.HeadSha);
    }

    public static TheoryData<StorageProvider, string, string?> BadSignatures() => WithEngines(new TheoryData<string, string?>
    {
        { "missing", null },
        { "wrong secret", WebhookSignature.Sign(Opened(), "not the secret") },
        { "forged body", WebhookSignature.Sign("{\"action\":\"opened\"}"u8, ReviewBotAppFactory.Secret) },
        { "not hex", "sha256=" + new string('z', 64) },
        { "sha1 prefix", "sha1=" + new string('0', 40) },
        { "truncated", WebhookSignature.Sign(Opened(), ReviewBotAppFactory.Secret)[..40] },
    });

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Post_BadSignature_Is401AndLeavesNoTrace(StorageProvider engine, string why, string? signature)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var id = Guid.NewGuid().ToString();

        using var response = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request", id, secret: null, signature: signature));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        Assert.Empty(await QueuedJobs.ListAsync(app.Services));

        // The same delivery id, correctly signed, is then accepted: a rejected attempt did not consume it.
        using var retry = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request", id));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_ChangedBodyUnderTheOriginalSignature_Is401(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var body = Opened();
        var signature = WebhookSignature.Sign(body, ReviewBotAppFactory.Secret);
        body[^3] ^= 0x01;

        using var response = await client.SendAsync(SignedDelivery.Create(body, "pull_request", signature: signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<StorageProvider, string, string> MalformedBodies() => WithEngines(new TheoryData<string, string>
    {
        { "truncated", Encoding.UTF8.GetString(Opened())[..5000] },
        { "not JSON", "action=opened&number=2" },
        { "array", "[1,2,3]" },
        { "wrong types", "{\"action\":42,\"pull_request\":\"yes\"}" },
        { "empty", "" },
        { "deeply nested", new string('[', 5000) + new string(']', 5000) },
    });

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Post_MalformedJson_Is400(StorageProvider engine, string why, string body)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedDelivery.Create(Encoding.UTF8.GetBytes(body), "pull_request"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Empty(await QueuedJobs.ListAsync(app.Services));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, true)]
    [InlineData(StorageProvider.Sqlite, false)]
    [InlineData(StorageProvider.Postgres, true)]
    [InlineData(StorageProvider.Postgres, false)]
    public async Task Post_BodyOverTheCap_Is413(StorageProvider engine, bool announceLength)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?> { ["Webhooks:MaxBodyBytes"] = "65536" });
        using var client = app.CreateClient();
        var body = new byte[70_000];
        body.AsSpan().Fill((byte)' ');
        "{}"u8.CopyTo(body);
        using var request = SignedDelivery.Create(body, "pull_request");
        if (!announceLength)
        {
            request.Content = new StreamContent(new MemoryStream(body));
            request.Headers.TransferEncodingChunked = true;
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_WithoutDeliveryId_Is400(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        using var request = SignedDelivery.Create(Opened(), "pull_request");
        request.Headers.Remove("X-GitHub-Delivery");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, "draft")]
    [InlineData(StorageProvider.Sqlite, "bot sender")]
    [InlineData(StorageProvider.Sqlite, "closed")]
    [InlineData(StorageProvider.Postgres, "draft")]
    [InlineData(StorageProvider.Postgres, "bot sender")]
    [InlineData(StorageProvider.Postgres, "closed")]
    public async Task Post_PullRequestNotToReview_IsSkipped(StorageProvider engine, string why)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var payload = JsonNode.Parse(Opened())!;
        switch (why)
        {
            case "draft":
                payload["pull_request"]!["draft"] = true;
                break;
            case "bot sender":
                payload["sender"]!["login"] = "reviewbot[bot]";
                payload["sender"]!["type"] = "Bot";
                break;
            default:
                payload["pull_request"]!["state"] = "closed";
                break;
        }

        using var response = await client.SendAsync(SignedDelivery.Create(Encoding.UTF8.GetBytes(payload.ToJsonString()), "pull_request"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"skipped\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await QueuedJobs.ListAsync(app.Services));
    }

    [Fact]
    public async Task Start_WithoutSecret_RefusesAndSaysWhy()
    {
        // The host built exactly as `serve` builds it; started directly, because WebApplicationFactory races with
        // an entry point whose host fails to start and can hide the validation error behind ObjectDisposedException.
        // Engine-independent: options are validated before any database is opened.
        using var data = new TempDirectory();
        await using var app = ReviewBotHost.Build(["--urls=http://127.0.0.1:0", $"--Storage:DataDirectory={data.Path}", "--GitHub:WebhookSecret="]);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("GitHub:WebhookSecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_UnsignedWithInsecureDev_IsAccepted(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?>
        {
            ["GitHub:WebhookSecret"] = "",
            ["Webhooks:AllowUnsigned"] = "true",
        });
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedDelivery.Create(Opened(), "pull_request", secret: null));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await QueuedJobs.ListAsync(app.Services));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Health_Endpoints_AnswerOk(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();

        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static TheoryData<StorageProvider, T1, T2> WithEngines<T1, T2>(TheoryData<T1, T2> cases)
    {
        var data = new TheoryData<StorageProvider, T1, T2>();
        foreach (var engine in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            foreach (var row in cases)
            {
                data.Add(engine, (T1)row[0], (T2)row[1]);
            }
        }

        return data;
    }

    private static byte[] Opened() => File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("pull_request", "opened.payload.json")));

    private static byte[] Synchronize(string? headSha = null)
    {
        var bytes = File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("pull_request", "synchronize.payload.json")));
        if (headSha is null)
        {
            return bytes;
        }

        var payload = JsonNode.Parse(bytes)!;
        payload["pull_request"]!["head"]!["sha"] = headSha;
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }
}
