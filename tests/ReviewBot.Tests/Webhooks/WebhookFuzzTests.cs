using System.Net;
using ReviewBot.Data;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;
using Xunit.Abstractions;

namespace ReviewBot.Tests.Webhooks;

/// <summary>
/// GitHub's recorded payloads, damaged with seeded mutations (byte flips, truncations, type swaps, nulls, deep nesting,
/// huge numbers, invalid UTF-8, oversize) and correctly signed, so they reach the parser: every one is answered 2xx, 400 or
/// 413, never 5xx, and the receiver stays healthy with its delivery log consistent.
/// </summary>
public sealed class WebhookFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20_240_917;
    private const int VariantsPerMutation = 3;
    private const int BodyLimit = 256 * 1024;

    public static IEnumerable<object[]> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Post_MutatedRecordedPayloads_NeverAnswer5xxAndLoseNothing(StorageProvider engine)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?> { ["Webhooks:MaxBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        var mutator = new PayloadMutator(Seed, BodyLimit);
        var failures = new List<string>();

        foreach (var file in RecordedPayloads())
        {
            var eventName = Path.GetFileName(Path.GetDirectoryName(file))!;
            var original = await File.ReadAllBytesAsync(file);
            foreach (var mutation in Enum.GetValues<Mutation>())
            {
                for (var variant = 0; variant < VariantsPerMutation; variant++)
                {
                    var status = await ledger.PostAsync(mutator.Apply(original, mutation), eventName);
                    if (status is not (HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
                        || (mutation == Mutation.Oversized && status != HttpStatusCode.RequestEntityTooLarge))
                    {
                        failures.Add($"{Path.GetRelativePath(RepositoryPaths.Webhooks, file)} {mutation} #{variant}: {(int)status}");
                    }
                }
            }
        }

        Assert.Empty(failures);
        var answers = ledger.Answers.GroupBy(static a => (int)a.Status).OrderBy(static g => g.Key).Select(static g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{ledger.Answers.Count} mutated deliveries ({engine}): {string.Join(", ", answers)}");
        await ledger.AssertNoLostRowAsync(app.Services);
        var queued = await QueuedJobs.ListAsync(app.Services);
        Assert.Equal(queued.Count, queued.Select(static q => (q.Job, q.HeadSha)).Distinct().Count());
        await HostChecks.AssertHealthyAsync(client);
    }

    /// <summary>The deliveries a handler acts on; each field of each is damaged on its own.</summary>
    public static TheoryData<StorageProvider, string> ActedOnPayloads()
    {
        var data = new TheoryData<StorageProvider, string>();
        data.Add(StorageProvider.Sqlite, "pull_request/opened.payload.json");
        data.Add(StorageProvider.Postgres, "pull_request/opened.payload.json");
        foreach (var payload in new[]
        {
            "pull_request/closed.payload.json",
            "pull_request_review/submitted.payload.json",
            "pull_request_review_comment/created.payload.json",
            "pull_request_review_thread/resolved.payload.json",
            "issue_comment/created.payload.json",
            "installation/created.payload.json",
        })
        {
            data.Add(StorageProvider.Sqlite, payload);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ActedOnPayloads))]
    public async Task Post_EveryFieldNulledOrRetyped_NeverAnswers5xx(StorageProvider engine, string payload)
    {
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.Web);
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        var failures = new List<string>();
        var eventName = Path.GetDirectoryName(payload)!;

        foreach (var (path, body) in new PayloadMutator(Seed, BodyLimit).EachField(await File.ReadAllBytesAsync(RepositoryPaths.Payload(payload)), maxDepth: 3))
        {
            var status = await ledger.PostAsync(body, eventName);
            if (status is not (HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.BadRequest))
            {
                failures.Add($"{path}: {(int)status}");
            }
        }

        Assert.Empty(failures);
        output.WriteLine($"{payload}: {ledger.Answers.Count} single-field variants ({engine}): {ledger.Answers.Count(static a => (int)a.Status < 300)} accepted, {ledger.Answers.Count(static a => a.Status == HttpStatusCode.BadRequest)} refused");
        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    private static IEnumerable<string> RecordedPayloads() =>
        Directory.EnumerateFiles(RepositoryPaths.Webhooks, "*.json", SearchOption.AllDirectories)
            .Where(static f => Path.GetDirectoryName(f) != RepositoryPaths.Webhooks)
            .Order(StringComparer.Ordinal);
}
