using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using ReviewBot.Data;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;
using ReviewBot.Webhooks;

namespace ReviewBot.Tests.Webhooks;

/// <summary>
/// The receiver under attack and under storage faults. Each test checks the receiver's promises: no duplicate review,
/// no acknowledged delivery without its row, and a healthy process afterwards.
/// </summary>
/// <remarks>
/// GitHub's deliveries carry no timestamp, and the signature covers only the body, not the delivery id. So "stale"
/// cannot mean "too old"; it means a delivery seen before. A redelivery (same <c>X-GitHub-Delivery</c>) is answered 200
/// "duplicate" and not acted on; a captured body replayed under a new id is acted on again, and is harmless because a
/// review is keyed by repository, pull request and head SHA: that head is already queued or reviewed.
/// </remarks>
public sealed class WebhookFaultTests
{
    public static IEnumerable<object[]> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_ForgedMissingAndStaleSignatures_NothingActedOnTwiceAndHostStaysHealthy(StorageProvider engine)
    {
        await using var github = await SimulatedGitHub.StartAsync();
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, SimulatedGitHub.Settings(github));
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        var body = PullRequestFixture.OpenedDelivery();
        var signature = WebhookSignature.Sign(body, ReviewBotAppFactory.Secret);
        var tampered = (byte[])body.Clone();
        tampered[^10] ^= 0x20;

        var forged = new[]
        {
            await ledger.PostAsync(body, "pull_request", secret: null),
            await ledger.PostAsync(body, "pull_request", secret: "not the secret"),
            await ledger.PostAsync(tampered, "pull_request", signature: signature),
            await ledger.PostAsync(body, "pull_request", signature: WebhookSignature.Sign("{}"u8, ReviewBotAppFactory.Secret)),
            await ledger.PostAsync(body, "pull_request", signature: "sha1=" + new string('0', 40)),
            await ledger.PostAsync(body, "pull_request", signature: signature.ToUpperInvariant().Replace("SHA256=", "sha256=x", StringComparison.Ordinal)),
        };
        var id = Guid.NewGuid().ToString();
        var first = await ledger.PostAsync(body, "pull_request", id);
        var redelivered = await ledger.PostAsync(body, "pull_request", id);
        var replayedWhileQueued = await ledger.PostAsync(body, "pull_request", signature: signature);
        await WaitForOneReviewAsync(github);
        var replayedAfterReview = await ledger.PostAsync(body, "pull_request", signature: signature);

        Assert.All(forged, static s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Accepted, first);
        Assert.Equal(HttpStatusCode.OK, redelivered);
        Assert.Equal(HttpStatusCode.Accepted, replayedWhileQueued);
        Assert.Equal(HttpStatusCode.Accepted, replayedAfterReview);
        await Task.Delay(300);
        Assert.Single(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number));
        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    [Fact]
    public async Task Post_SqliteWriteLockHeldByAnotherConnection_WaitsOrAnswers503AndLosesNothing()
    {
        await using var db = await HostDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?> { ["Storage:BusyTimeout"] = "00:00:02" });
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        await HostChecks.AssertHealthyAsync(client);

        // A lock held shorter than the busy timeout: a delivery waits for it and is accepted.
        var waited = await WhileLockedAsync(db, TimeSpan.FromMilliseconds(300), () => PostPullsAsync(ledger, 1, 1));

        // Held longer than the busy timeout: a delivery that cannot be recorded is refused with a retryable 503.
        var refused = await WhileLockedAsync(db, TimeSpan.FromSeconds(4), () => PostPullsAsync(ledger, 2, 5));
        var refusedIds = ledger.Answers.Where(static a => a.Status == HttpStatusCode.ServiceUnavailable).Select(static a => a.Id).ToList();
        foreach (var (idToRetry, number) in refusedIds.Select(i => (i, NumberOf(ledger, i))))
        {
            Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(Opened(number), "pull_request", idToRetry));
        }

        Assert.All(waited, static s => Assert.Equal(HttpStatusCode.Accepted, s));
        Assert.All(refused, static s => Assert.True(s is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable, $"answered {(int)s}"));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, refused);
        await ledger.AssertNoLostRowAsync(app.Services);
        var queued = await QueuedJobs.ListAsync(app.Services);
        Assert.Equal(7, queued.Count);
        Assert.Equal(queued.Count, queued.Select(static q => q.Job).Distinct().Count());
        await HostChecks.AssertHealthyAsync(client);
    }

    [Fact]
    public async Task Post_MoreDeliveriesThanTurns_LateOnesWaitThenAnswer503AndLoseNothing()
    {
        await using var db = await HostDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?>
        {
            ["Webhooks:MaxConcurrentAccepts"] = "1",
            ["Webhooks:AcceptQueueTimeout"] = "00:00:00.500",
        });
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        await HostChecks.AssertHealthyAsync(client);

        // The one turn is held by a delivery waiting for a locked SQLite file; the next cannot get a turn in time.
        var answers = await WhileLockedAsync(db, TimeSpan.FromSeconds(2), async () =>
        {
            var holder = ledger.PostAsync(SignedDelivery.Create(Opened(1), "pull_request", "pull-1-holder"));
            await Task.Delay(200);
            var late = await ledger.PostAsync(SignedDelivery.Create(Opened(2), "pull_request", "pull-2-late"));
            return new[] { await holder, late };
        });
        var redelivered = await ledger.PostAsync(SignedDelivery.Create(Opened(2), "pull_request", "pull-2-late"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable], answers);
        Assert.Equal(HttpStatusCode.Accepted, redelivered);
        await ledger.AssertNoLostRowAsync(app.Services);
        Assert.Equal(3, (await QueuedJobs.ListAsync(app.Services)).Count);
        await HostChecks.AssertHealthyAsync(client);
    }

    [Fact]
    public async Task Post_MoreDeliveriesThanMayWait_TheExtraOneIsRefusedAtOnceAndLosesNothing()
    {
        await using var db = await HostDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?>
        {
            ["Webhooks:MaxConcurrentAccepts"] = "1",
            ["Webhooks:MaxWaitingDeliveries"] = "1",
            ["Webhooks:AcceptQueueTimeout"] = "00:01:00",
        });
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        await HostChecks.AssertHealthyAsync(client);

        // One delivery holds the turn (SQLite is locked), one waits for it; a third finds no room and is refused at
        // once, long before the minute a waiting delivery would wait.
        var extraAnsweredWhileLocked = false;
        var answers = await WhileLockedAsync(db, TimeSpan.FromSeconds(3), async () =>
        {
            var holder = ledger.PostAsync(SignedDelivery.Create(Opened(1), "pull_request", "pull-1-holder"));
            await Task.Delay(300);
            var waiting = ledger.PostAsync(SignedDelivery.Create(Opened(2), "pull_request", "pull-2-waiting"));
            await Task.Delay(300);
            var extra = await ledger.PostAsync(SignedDelivery.Create(Opened(3), "pull_request", "pull-3-extra"));
            extraAnsweredWhileLocked = !holder.IsCompleted;
            return new[] { await holder, await waiting, extra };
        });
        var redelivered = await ledger.PostAsync(SignedDelivery.Create(Opened(3), "pull_request", "pull-3-extra"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable], answers);
        Assert.True(extraAnsweredWhileLocked, "the extra delivery waited for a turn instead of being refused at once");
        Assert.Equal(HttpStatusCode.Accepted, redelivered);
        await ledger.AssertNoLostRowAsync(app.Services);
        var queued = await QueuedJobs.ListAsync(app.Services);
        Assert.Equal(4, queued.Count); // pulls 1, 2 and 3, and the health probe's
        Assert.Equal(queued.Count, queued.Select(static q => q.Job).Distinct().Count());
        await HostChecks.AssertHealthyAsync(client);
    }

    [Fact]
    public async Task Post_PostgresRefusingConnections_Answers503ThenAcceptsTheRedelivery()
    {
        await using var db = await HostDatabase.CreateAsync(StorageProvider.Postgres);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        await HostChecks.AssertHealthyAsync(client);
        var name = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database!;

        await ServerAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
        var id = Guid.NewGuid().ToString();
        var during = await ledger.PostAsync(Opened(7), "pull_request", id);
        using var readyDuring = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        await ServerAsync($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
        var after = await Eventually.GetAsync(() => ledger.PostAsync(Opened(7), "pull_request", id), static s => s != HttpStatusCode.ServiceUnavailable, what: "the receiver to reach the database again");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuring.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, after);
        Assert.DoesNotContain(ledger.Answers, static a => a.Status == HttpStatusCode.InternalServerError);
        await ledger.AssertNoLostRowAsync(app.Services);
        Assert.Single(await QueuedJobs.ListAsync(app.Services), static q => q.Job.EndsWith("#7", StringComparison.Ordinal));
        await HostChecks.AssertHealthyAsync(client);
    }

    private static async Task<HttpStatusCode[]> WhileLockedAsync(TestDatabase db, TimeSpan hold, Func<Task<HttpStatusCode[]>> act)
    {
        await using var locker = new SqliteConnection($"Data Source={Path.Combine(db.Directory, "reviewbot.db")};Pooling=False");
        await locker.OpenAsync();
        await using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var posting = act();
        await Task.Delay(hold);
        await using (var rollback = locker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        return await posting;
    }

    private static Task<HttpStatusCode[]> PostPullsAsync(DeliveryLedger ledger, int from, int count) =>
        Task.WhenAll(Enumerable.Range(from, count).Select(n => ledger.PostAsync(SignedDelivery.Create(Opened(n), "pull_request", $"pull-{n}-{Guid.NewGuid():N}"))));

    private static int NumberOf(DeliveryLedger ledger, string id) => int.Parse(id.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Opened(int number)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(PullRequestFixture.OpenedDelivery())!;
        payload["number"] = number;
        payload["pull_request"]!["number"] = number;
        payload["pull_request"]!["head"]!["sha"] = new string((char)('a' + (number % 6)), 40);
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static async Task WaitForOneReviewAsync(GitHubSimulator github) =>
        await Eventually.GetAsync(() => Task.FromResult(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number).Count), static c => c > 0, what: "the review");

    private static async Task ServerAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
