using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Tests.TestSupport;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.GitHub.Tests.RateLimiting;

/// <summary>Each fault GitHub can throw at a client, over real HTTP, and what the client does about it.</summary>
public sealed class FaultHandlingTests
{
    private static readonly RepositoryName Repo = RepositoryName.Parse(Reviews.Repository);

    private static CreateReviewRequest Review => new()
    {
        CommitId = Reviews.HeadSha,
        Event = "COMMENT",
        Body = "summary",
        Comments = [new DraftReviewComment { Path = "src/A.cs", Body = "x", Line = 2, Side = "RIGHT" }],
    };

    private static async Task<GitHubTestHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var host = await GitHubTestHost.StartAsync(TestAuth.Token, configure);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 5)));
        return host;
    }

    private static TimeSpan Gap(RecordedRequest earlier, RecordedRequest later) =>
        TimeSpan.FromSeconds((later.Timestamp - earlier.Timestamp) / (double)TimeProvider.System.TimestampFrequency);

    [Fact]
    public async Task Get_ServerErrorOnce_RetriedAndOk()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "GET", PathEndsWith = "/pulls/1", Kind = FaultKind.ServerError });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(pr.IsOk, pr.Describe());
        Assert.Equal([502, 200], host.Simulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task Get_ServerErrorEveryTime_TransientAfterRetries()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.ServerError, StatusCode = 503, Times = 100 });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.Equal(GitHubStatus.Transient, pr.Status);
        Assert.Equal(4, host.Simulator.Requests.Count);
    }

    [Fact]
    public async Task PostReview_ServerError_UnknownOutcomeNeverRetried()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "POST", PathEndsWith = "/reviews", Kind = FaultKind.ServerError });

        var created = await host.Client.CreateReviewAsync(host.Call, Repo, 1, Review, CancellationToken.None);

        Assert.Equal(GitHubStatus.UnknownOutcome, created.Status);
        Assert.Single(host.Simulator.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task PostReview_TimeoutAfterApply_UnknownOutcomeAndTheReviewExists()
    {
        await using var host = await StartAsync(s => s["GitHub:RequestTimeout"] = "00:00:00.500");
        host.Simulator.InjectFault(new FaultRule { Method = "POST", PathEndsWith = "/reviews", Kind = FaultKind.TimeoutAfterApply });

        var created = await host.Client.CreateReviewAsync(host.Call, Repo, 1, Review, CancellationToken.None);

        Assert.Equal(GitHubStatus.UnknownOutcome, created.Status);
        Assert.Single(host.Simulator.Requests, r => r.Method == "POST");
        Assert.Single(host.Simulator.GetReviews(Reviews.Repository, 1));
    }

    [Fact]
    public async Task Get_SlowerThanTimeout_RetriedAndOk()
    {
        // A generous per-attempt timeout, so that only the injected delay (not a busy machine) can exceed it.
        await using var host = await StartAsync(s => s["GitHub:RequestTimeout"] = "00:00:03");
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.Slow, Delay = TimeSpan.FromSeconds(30) });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(pr.IsOk, pr.Describe());
        Assert.Equal(2, host.Simulator.Requests.Count);
    }

    [Fact]
    public async Task Get_SlowButWithinTimeout_OneRequest()
    {
        await using var host = await StartAsync();
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.Slow, Delay = TimeSpan.FromMilliseconds(200) });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(pr.IsOk);
        Assert.Single(host.Simulator.Requests);
    }

    [Fact]
    public async Task Get_SecondaryLimitWithRetryAfter_WaitsThatLongThenOk()
    {
        await using var host = await StartAsync(s => s["GitHub:RateLimitBackoffScale"] = "0.1");
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.SecondaryRateLimit, RetryAfterSeconds = 3 });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(pr.IsOk, pr.Describe());
        var requests = host.Simulator.Requests;
        Assert.Equal([403, 200], requests.Select(r => r.Status));
        // Retry-After 3 s scaled is 300 ms; a margin for the simulator stamping requests on arrival.
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromMilliseconds(250), $"waited only {Gap(requests[0], requests[1])}");
    }

    [Fact]
    public async Task PostCheckRun_429WithoutHeaders_BacksOffAMinuteScaledThenAppliedOnce()
    {
        await using var host = await StartAsync(s => s["GitHub:RateLimitBackoffScale"] = "0.005");
        host.Simulator.InjectFault(new FaultRule { Method = "POST", Kind = FaultKind.TooManyRequests });

        var run = await host.Client.CreateCheckRunAsync(host.Call, Repo, new CheckRunRequest { Name = "ReviewBot", HeadSha = Reviews.HeadSha }, CancellationToken.None);

        Assert.True(run.IsOk, run.Describe());
        var posts = host.Simulator.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal([429, 201], posts.Select(r => r.Status));

        // A minute scaled is 300 ms; the simulator stamps requests on arrival, a millisecond or so off the client's
        // clock, so the bound leaves a margin that still tells a minute from a second (5 ms scaled).
        Assert.True(Gap(posts[0], posts[1]) >= TimeSpan.FromMilliseconds(250), $"waited only {Gap(posts[0], posts[1])}");
        Assert.Single(host.Simulator.GetCheckRuns(Reviews.Repository));
    }

    [Fact]
    public async Task Get_PrimaryLimitExhausted_WaitsForResetThenOk()
    {
        await using var host = await StartAsync(s => s["GitHub:RateLimitBackoffScale"] = "0.05");
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.PrimaryRateLimit, RetryAfterSeconds = 4 });

        var pr = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(pr.IsOk, pr.Describe());
        var requests = host.Simulator.Requests;
        Assert.Equal([403, 200], requests.Select(r => r.Status));

        // reset is 4 s ahead in whole seconds (3-4 s), plus one second, times 0.05.
        Assert.True(Gap(requests[0], requests[1]) >= TimeSpan.FromMilliseconds(190), $"waited only {Gap(requests[0], requests[1])}");
    }

    [Fact]
    public async Task Get_RateLimitLongerThanAllowed_RateLimitedValueAndNextCallHeldBack()
    {
        await using var host = await StartAsync(s =>
        {
            s["GitHub:RateLimitBackoffScale"] = "1";
            s["GitHub:MaxRateLimitWait"] = "00:00:01";
        });
        host.Simulator.InjectFault(new FaultRule { Method = "GET", Kind = FaultKind.SecondaryRateLimit, RetryAfterSeconds = 120 });

        var first = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);
        var second = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.Equal(GitHubStatus.RateLimited, first.Status);
        Assert.InRange(first.RetryAt!.Value, DateTimeOffset.UtcNow.AddSeconds(100), DateTimeOffset.UtcNow.AddSeconds(121));
        Assert.Equal(GitHubStatus.RateLimited, second.Status);
        Assert.Single(host.Simulator.Requests);
    }

    [Fact]
    public async Task Writes_FiveAtOnce_AtLeastOneSecondApartAtGitHub()
    {
        await using var host = await StartAsync(s => s.Remove("GitHub:MinWriteInterval"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            host.Client.CreateCheckRunAsync(host.Call, Repo, new CheckRunRequest { Name = $"check {i}", HeadSha = Reviews.HeadSha }, CancellationToken.None)));
        var read = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.All(runs, r => Assert.True(r.IsOk));
        Assert.True(read.IsOk);
        var writes = host.Simulator.Requests.Where(r => r.IsWrite).OrderBy(r => r.Timestamp).ToList();
        Assert.Equal(5, writes.Count);
        for (var i = 1; i < writes.Count; i++)
        {
            Assert.True(Gap(writes[i - 1], writes[i]) >= TimeSpan.FromSeconds(1), $"writes {i - 1} and {i} were {Gap(writes[i - 1], writes[i])} apart");
        }
    }

    [Fact]
    public async Task Post_ServerUnreachable_TransientNotUnknown()
    {
        // A port nothing listens on: the connection fails before anything is sent.
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var host = await GitHubTestHost.StartAsync(TestAuth.Token, s => s["GitHub:ApiBaseUrl"] = $"http://127.0.0.1:{port}/");

        var created = await host.Client.CreateReviewAsync(host.Call, Repo, 1, Review, CancellationToken.None);

        Assert.Equal(GitHubStatus.Transient, created.Status);
    }
}
