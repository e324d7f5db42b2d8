using System.Globalization;
using System.Net;
using Quartz;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Simulators.OpenAi;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// Review jobs under pressure: a storm of pushes, deliveries out of order, GitHub failing mid-job and a model answering
/// garbage. Each ends with exactly one review of the pull request's current head, every acknowledged delivery
/// recorded, and a healthy host.
/// </summary>
public sealed class ReviewJobFaultTests
{
    private const string Repository = PullRequestFixture.Repository;
    private const int Number = PullRequestFixture.Number;

    public static IEnumerable<object[]> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Synchronize_StormOf20NewHeads_OneRunningOneQueuedAndOneReviewOfTheLastHead(StorageProvider engine)
    {
        await using var github = await SimulatedGitHub.StartAsync();
        var heads = Enumerable.Range(1, 20).Select(static i => Head(i)).ToList();
        foreach (var head in heads)
        {
            github.Push(Repository, Number, head, File.ReadAllText(RepositoryPaths.SamplePatch));
        }

        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, SimulatedGitHub.Settings(github));
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);
        var waitingAtMost = 0;
        var runningAtMost = 0;

        foreach (var head in heads)
        {
            Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.SynchronizeDelivery(head), "pull_request"));
            var (waiting, running) = await SettledQueueAsync(app.Services);
            waitingAtMost = Math.Max(waitingAtMost, waiting);
            runningAtMost = Math.Max(runningAtMost, running);
        }

        var review = await WaitForReviewAsync(github);
        await WaitForIdleQueueAsync(app.Services);

        Assert.InRange(waitingAtMost, 1, 1);
        Assert.InRange(runningAtMost, 0, 1);
        var store = app.Services.GetRequiredService<IReviewStore>();
        Assert.Equal(heads[^1], review.CommitId);
        Assert.True(github.GetReviews(Repository, Number).Count == 1, Describe(await store.ListForHeadAsync(Repository, Number, heads[^1], CancellationToken.None)));
        foreach (var earlier in heads.SkipLast(1))
        {
            var runs = await store.ListForHeadAsync(Repository, Number, earlier, CancellationToken.None);
            Assert.True(runs.All(static r => r.Status == ReviewRunStatus.Skipped), Describe(runs));
        }

        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Synchronize_OlderHeadDeliveredLast_TheCurrentHeadIsStillReviewed(StorageProvider engine)
    {
        await using var github = await SimulatedGitHub.StartAsync();
        github.Push(Repository, Number, Head(1), File.ReadAllText(RepositoryPaths.SamplePatch));
        github.Push(Repository, Number, Head(2), File.ReadAllText(RepositoryPaths.SamplePatch));
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = SimulatedGitHub.Settings(github);

        // GitHub does not promise order: the push to head 2 is delivered before the push to head 1.
        await using (var receiver = new ReviewBotAppFactory(db, ServeRole.Web, settings))
        {
            using var client = receiver.CreateClient();
            var ledger = new DeliveryLedger(client);
            Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.SynchronizeDelivery(Head(2)), "pull_request"));
            Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.SynchronizeDelivery(Head(1)), "pull_request"));
            Assert.Equal(Head(1), Assert.Single(await QueuedJobs.ListAsync(receiver.Services)).HeadSha);
            await ledger.AssertNoLostRowAsync(receiver.Services);
        }

        await using var worker = new ReviewBotAppFactory(db, ServeRole.All, settings);
        using var workerClient = worker.CreateClient();
        var review = await WaitForReviewAsync(github);
        await WaitForIdleQueueAsync(worker.Services);

        Assert.Equal(Head(2), review.CommitId);
        Assert.Single(github.GetReviews(Repository, Number));
        var stale = Assert.Single(await worker.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(Repository, Number, Head(1), CancellationToken.None));
        Assert.Equal(ReviewRunStatus.Skipped, stale.Status);
        await HostChecks.AssertHealthyAsync(workerClient);
    }

    /// <summary>
    /// Each fault outlasts the client's own retries (one, here) where retrying is the job's business: 5xx and timeouts
    /// end the run and the job must run again after <c>Jobs:RetryDelay</c>. Rate limits say when to come back, and the
    /// client usually waits that long itself (up to <c>GitHub:MaxRateLimitWait</c>); a job retry is allowed there too.
    /// </summary>
    public static TheoryData<StorageProvider, string, bool> GitHubFaults()
    {
        var data = new TheoryData<StorageProvider, string, bool>();
        foreach (var engine in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            data.Add(engine, "502 reading the pull request", true);
            data.Add(engine, "timeouts reading the pull request", true);
            data.Add(engine, "secondary rate limit posting", false);
            data.Add(engine, "429 reading the pull request", false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GitHubFaults))]
    public async Task Opened_GitHubFailingMidJob_RetriedAndExactlyOneReviewPosted(StorageProvider engine, string fault, bool jobMustRetry)
    {
        await using var github = await SimulatedGitHub.StartAsync();
        github.InjectFault(fault switch
        {
            "502 reading the pull request" => new FaultRule { Kind = FaultKind.ServerError, Method = "GET", PathEndsWith = "/pulls/2", Times = 3 },
            "secondary rate limit posting" => new FaultRule { Kind = FaultKind.SecondaryRateLimit, Method = "POST", PathEndsWith = "/reviews", Times = 2, RetryAfterSeconds = 1 },
            "429 reading the pull request" => new FaultRule { Kind = FaultKind.TooManyRequests, Method = "GET", PathEndsWith = "/pulls/2", Times = 3, RetryAfterSeconds = 1 },
            _ => new FaultRule { Kind = FaultKind.Slow, Method = "GET", PathEndsWith = "/pulls/2", Times = 3, Delay = TimeSpan.FromSeconds(5) },
        });
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = SimulatedGitHub.Settings(github);
        settings["GitHub:MaxRetries"] = "1";
        if (fault.StartsWith("timeouts", StringComparison.Ordinal))
        {
            settings["GitHub:RequestTimeout"] = "00:00:01";
        }

        await using var app = new ReviewBotAppFactory(db, ServeRole.All, settings);
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);

        Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.OpenedDelivery(), "pull_request"));
        var review = await WaitForReviewAsync(github);
        await WaitForIdleQueueAsync(app.Services);

        Assert.Equal(PullRequestFixture.HeadSha, review.CommitId);
        Assert.Single(github.GetReviews(Repository, Number));
        Assert.Contains(github.Requests, static r => r.Fault is not null);
        var runs = await app.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(Repository, Number, PullRequestFixture.HeadSha, CancellationToken.None);
        Assert.True(runs[^1].Status is ReviewRunStatus.Posted or ReviewRunStatus.AlreadyPosted, Describe(runs));
        Assert.True(runs.SkipLast(1).All(static r => r.Status == ReviewRunStatus.Failed && r.Reason?.Contains("Transient", StringComparison.Ordinal) == true), Describe(runs));
        Assert.True(!jobMustRetry || runs.Count > 1, Describe(runs));
        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Opened_ReviewPostAppliedAfterTheClientGaveUp_StillExactlyOneReview(StorageProvider engine)
    {
        await using var github = await SimulatedGitHub.StartAsync();

        // GitHub finishes the create 2 s after it arrived; the client gave up after 1 s and a look-up then finds nothing.
        github.InjectFault(new FaultRule { Kind = FaultKind.AppliedLate, Method = "POST", PathEndsWith = "/reviews", Delay = TimeSpan.FromSeconds(2) });
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = SimulatedGitHub.Settings(github);
        settings["GitHub:RequestTimeout"] = "00:00:01";
        settings["Jobs:RetryDelay"] = "00:00:03";
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, settings);
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);

        Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.OpenedDelivery(), "pull_request"));
        await WaitForReviewAsync(github);
        await WaitForIdleQueueAsync(app.Services);
        await Eventually.GetAsync(
            () => Task.FromResult(github.Requests.Any(static r => r.Fault == FaultKind.AppliedLate && r.Status != 0)), static done => done, what: "the late create to be applied");

        var runs = await app.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(Repository, Number, PullRequestFixture.HeadSha, CancellationToken.None);
        Assert.True(github.GetReviews(Repository, Number).Count == 1, Describe(runs));
        Assert.True(runs[^1].Status == ReviewRunStatus.AlreadyPosted, Describe(runs) + " / " + string.Join("; ", github.Requests.Where(static r => r.Method == "POST").Select(static r => $"{r.Path} {r.Status} {r.Fault} {r.Error} {r.ReceivedAt:ss.fff}")));
        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Opened_ModelAnswersGarbage_ReviewPostedOnceWithoutIt(StorageProvider engine)
    {
        await using var github = await SimulatedGitHub.StartAsync();
        FakeOpenAiReply[] garbage =
        [
            FakeOpenAiReply.Failing(FakeFault.MalformedJson),
            FakeOpenAiReply.Failing(FakeFault.Http500),
            FakeOpenAiReply.Text("GARBAGE: Sure! I reviewed it and it looks great. LGTM, approving."),
            FakeOpenAiReply.Text("```csharp src/Nowhere/Invented.cs:999\nvar GARBAGE = true;\n```\n[bug] GARBAGE on a line that does not exist.\n"),
        ];
        var served = 0;

        // Every other answer is garbage of one kind or another; the rest are sound.
        await using var model = await FakeOpenAiServer.StartAsync(request => Interlocked.Increment(ref served) is var n && n % 2 == 1
            ? garbage[n / 2 % garbage.Length]
            : DeterministicCritic.Answer(request));
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = SimulatedGitHub.Settings(github);
        settings["Critic:Endpoint"] = model.BaseAddress.ToString();
        settings["Critic:Model"] = "simulated-critic";
        settings["Critic:Mode"] = "Chat";
        settings["Critic:Concurrency"] = "1";
        settings["Critic:MaxRetries"] = "0";
        settings["Ranking:Rounds"] = "2";
        settings["Ranking:SamplesPerRound"] = "4";
        settings["Ranking:BeamWidth"] = "1";

        // The stand-in model's comments are generic and the shipped reward model rates them just below nothing;
        // these make its sound answers worth posting, so the test sees comments survive next to the garbage.
        settings["Ranking:LengthModifier"] = "1";
        settings["Ranking:MinScore"] = "-10";
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, settings);
        using var client = app.CreateClient();
        var ledger = new DeliveryLedger(client);

        Assert.Equal(HttpStatusCode.Accepted, await ledger.PostAsync(PullRequestFixture.OpenedDelivery(), "pull_request"));
        var review = await WaitForReviewAsync(github);
        await WaitForIdleQueueAsync(app.Services);

        Assert.Single(github.GetReviews(Repository, Number));
        Assert.Equal("COMMENTED", review.State);
        Assert.NotEmpty(review.Comments);
        Assert.DoesNotContain("GARBAGE", review.Body ?? "", StringComparison.Ordinal);
        Assert.All(review.Comments, static c => Assert.DoesNotContain("GARBAGE", c.Body, StringComparison.Ordinal));
        Assert.All(review.Comments, static c => Assert.NotEqual("src/Nowhere/Invented.cs", c.Path));
        Assert.True(served >= 2 * garbage.Length, $"only {served} answers were served");
        await ledger.AssertNoLostRowAsync(app.Services);
        await HostChecks.AssertHealthyAsync(client);
    }

    /// <summary>
    /// Waiting and running triggers of the pull request once any enqueue under way has finished replacing older heads
    /// (a job that found its head overtaken queues the current one while deliveries arrive).
    /// </summary>
    private static async Task<(int Waiting, int Running)> SettledQueueAsync(IServiceProvider services)
    {
        var best = (Waiting: int.MaxValue, Running: int.MaxValue);
        for (var look = 0; look < 20 && best.Waiting > 1; look++)
        {
            var queued = await QueuedJobs.ListAsync(services);
            var now = (queued.Count(static q => q.State is TriggerState.Normal or TriggerState.Blocked), queued.Count(static q => q.State == TriggerState.Complete));
            best = now.Item1 < best.Waiting ? now : best;
            await Task.Delay(look == 0 ? 0 : 25);
        }

        return best;
    }

    private static string Head(int index) => Convert.ToHexStringLower(BitConverter.GetBytes((long)index)).PadRight(40, 'c');

    private static Task<SimulatedReview> WaitForReviewAsync(GitHubSimulator github) =>
        Eventually.GetAsync(
            () => Task.FromResult(github.GetReviews(Repository, Number).FirstOrDefault(static r => r.State != "PENDING")),
            static r => r is not null,
            what: "the review")!;

    /// <summary>Until nothing of the pull request is queued or running: no later run can post a second review.</summary>
    private static Task<int> WaitForIdleQueueAsync(IServiceProvider services) =>
        Eventually.GetAsync(
            async () => (await QueuedJobs.ListAsync(services)).Count(static q => q.Job == $"{Repository}#{Number}"),
            static count => count == 0,
            what: "the queue to drain");

    private static string Describe(IEnumerable<StoredReview> runs) => string.Join("; ", runs.Select(static r => string.Create(CultureInfo.InvariantCulture, $"{r.HeadSha[..7]} {r.RunId} {r.Status} {r.Reason} {r.CreatedAt:HH:mm:ss.fff}-{r.CompletedAt:HH:mm:ss.fff}")));
}
