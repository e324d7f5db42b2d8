using System.Diagnostics;
using System.Globalization;
using ReviewBot.Cluster.Tests.Support;
using ReviewBot.Data;
using ReviewBot.Testing;
using Xunit.Abstractions;

namespace ReviewBot.Cluster.Tests.Jobs;

/// <summary>
/// Scale-out as deployed: one receiver and three workers, separate <c>reviewbot serve</c> processes, on one PostgreSQL
/// database through Quartz clustering; the model answers after 200 ms. Every pull request must get exactly one review,
/// also when a worker is killed mid-job and when PostgreSQL restarts mid-run. Figures are printed, never asserted.
/// </summary>
public sealed class ClusteredReviewTests(ITestOutputHelper output)
{
    private const int PullRequests = 200;
    private static readonly TimeSpan ModelLatency = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Cluster_200Deliveries_EveryPullRequestGetsExactlyOneReview()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var cluster = await ClusterScenario.StartAsync(database.ConnectionString!, workers: 3, ModelLatency);
        cluster.SeedPullRequests(PullRequests);

        var clock = Stopwatch.StartNew();
        var tally = await cluster.DeliverOpenedAsync(Enumerable.Range(1, PullRequests), concurrency: 16);
        var delivered = clock.Elapsed;
        await RunToEndAsync(cluster);
        var drained = clock.Elapsed;

        await AssertExactlyOneReviewEachAsync(cluster, tally);
        var perWorker = cluster.ReviewPosts().GroupBy(static p => p.Token).ToDictionary(static g => g.Key, static g => g.Count());
        Assert.All(Enumerable.Range(1, 3), w => Assert.True(perWorker.GetValueOrDefault(ClusterScenario.WorkerToken(w)) > 0, $"worker {w} posted no review"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"200 PRs, 1 web + 3 workers (4 jobs each), model latency {ModelLatency.TotalMilliseconds} ms: delivered in {delivered.TotalSeconds:0.0} s, all reviewed in {drained.TotalSeconds:0.0} s ({PullRequests / drained.TotalSeconds:0.0} reviews/s); duplicates 0; per worker {string.Join(", ", perWorker.OrderBy(static p => p.Key).Select(static p => p.Value))}; model requests {cluster.Model.Requests.Count}"));
    }

    [Fact]
    public async Task Cluster_WorkerKilledMidJob_OthersRecoverItsJobsAndReviewEachOnce()
    {
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var cluster = await ClusterScenario.StartAsync(database.ConnectionString!, workers: 3, ModelLatency);
        cluster.SeedPullRequests(PullRequests);
        var victim = cluster.Workers[0];
        var victimToken = ClusterScenario.WorkerToken(1);

        var delivering = cluster.DeliverOpenedAsync(Enumerable.Range(1, PullRequests), concurrency: 16);
        var inFlight = await Eventually(() => InFlight(cluster, victimToken), static s => s.Count >= 2, "the victim to be running jobs");
        victim.KillHard();
        var killedAt = Stopwatch.GetTimestamp();
        inFlight = InFlight(cluster, victimToken);
        var tally = await delivering;
        await RunToEndAsync(cluster);

        await AssertExactlyOneReviewEachAsync(cluster, tally);
        var posts = cluster.ReviewPosts().ToLookup(static p => p.Number);
        var recovered = inFlight.Select(n => posts[n].Single()).ToList();
        Assert.NotEmpty(recovered);
        Assert.All(recovered, p => Assert.NotEqual(victimToken, p.Token));
        var seconds = recovered.Select(p => Stopwatch.GetElapsedTime(killedAt, p.Timestamp).TotalSeconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kill -9 of worker-1 with {inFlight.Count} job(s) in flight (check-in 1 s, misfire threshold 2 s): recovered by the others, each reviewed once; kill → recovered review posted: min {seconds[0]:0.00} s, median {seconds[seconds.Count / 2]:0.00} s, max {seconds[^1]:0.00} s; duplicates 0"));
    }

    [Fact]
    public async Task Cluster_PostgresRestartedMidRun_WorkersReconnectAndNothingIsLost()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("reviewbot");
        var settings = new Dictionary<string, string?>
        {
            // Longer than the restart, so no live worker is taken for dead while the database is away.
            ["Jobs:ClusterCheckinMisfireThreshold"] = "00:00:20",
        };
        await using var cluster = await ClusterScenario.StartAsync(connectionString, workers: 3, ModelLatency, settings);
        cluster.SeedPullRequests(PullRequests);

        var first = await cluster.DeliverOpenedAsync(Enumerable.Range(1, PullRequests / 2), concurrency: 8);
        await Eventually(() => cluster.ReviewPosts().Count, static c => c >= 40, "the first reviews");
        var postsBefore = cluster.ReviewPosts().Count;

        // The second half arrives while the server goes down and comes back.
        var second = cluster.DeliverOpenedAsync(Enumerable.Range(PullRequests / 2 + 1, PullRequests / 2), concurrency: 4);
        var restart = await postgres.RestartAsync(down: TimeSpan.FromSeconds(5));
        var restartedAt = Stopwatch.GetTimestamp();
        var tally = DeliveryTally.Merge(first, await second);
        await RunToEndAsync(cluster);

        await AssertExactlyOneReviewEachAsync(cluster, tally);
        Assert.Equal(0, tally.Answers(500));
        var firstAfter = cluster.ReviewPosts().Skip(postsBefore).Select(p => p.Timestamp).Where(t => t > restartedAt).DefaultIfEmpty(restartedAt).Min();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL stopped (-m fast) and started again, unreachable for {restart.TotalSeconds:0.00} s, after {postsBefore} reviews: receiver answered {tally.Answers(503)} × 503 and {tally.Answers(0)} refused connection(s) (each redelivered), 0 × 500; first review after the restart {Stopwatch.GetElapsedTime(restartedAt, firstAfter).TotalSeconds:0.00} s later; workers: {Lines(cluster, "ReviewJob[1110]")} job run(s) failed on the database and were retried, {Lines(cluster, "ReviewJob[1113]")} kept their firing while the job store was down; all {PullRequests} reviewed once"));
    }

    private async Task RunToEndAsync(ClusterScenario cluster)
    {
        try
        {
            await cluster.WaitUntilDoneAsync(PullRequests, Limit);
        }
        catch (TimeoutException)
        {
            output.WriteLine(cluster.Diagnostics());
            throw;
        }
    }

    private static async Task AssertExactlyOneReviewEachAsync(ClusterScenario cluster, DeliveryTally tally)
    {
        Assert.Equal(PullRequests, tally.Accepted);
        var reviews = cluster.Reviews(PullRequests);
        for (var number = 1; number <= PullRequests; number++)
        {
            var review = Assert.Single(reviews[number - 1]);
            Assert.Equal(ClusterScenario.HeadSha(number), review.CommitId);
            Assert.NotEmpty(review.Comments);
        }

        Assert.Empty(cluster.GitHub.UnexpectedRequests);
        Assert.Equal(PullRequests, await cluster.CountAsync("SELECT COUNT(*) FROM deliveries"));
        Assert.Equal(PullRequests, await cluster.CountAsync("SELECT COUNT(DISTINCT head_sha) FROM reviews WHERE status IN ('Posted', 'AlreadyPosted')"));
        Assert.Equal(0, await cluster.CountAsync(
            "SELECT COUNT(*) FROM (SELECT head_sha FROM reviews WHERE status IN ('Posted', 'AlreadyPosted') GROUP BY head_sha HAVING COUNT(*) > 1) AS twice"));
    }

    private static int Lines(ClusterScenario cluster, string fragment) => cluster.Workers.Sum(w => w.CountLines(fragment));

    /// <summary>Pull requests the worker has started on (it fetched them) that have no review yet.</summary>
    private static HashSet<int> InFlight(ClusterScenario cluster, string token)
    {
        var requests = cluster.GitHub.Requests;
        var posted = cluster.ReviewPosts().Select(static p => p.Number).ToHashSet();
        return [.. requests
            .Where(r => r.Method == "GET" && ClusterScenario.TokenOf(r) == token && r.Path.StartsWith("/repos/" + ClusterScenario.Repository + "/pulls/", StringComparison.Ordinal))
            .Select(static r => int.Parse(r.Path.Split('/')[5], CultureInfo.InvariantCulture))
            .Where(n => !posted.Contains(n))];
    }

    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (deadline.Elapsed > Limit)
            {
                throw new TimeoutException("Gave up waiting for " + what);
            }

            await Task.Delay(20);
        }
    }
}
