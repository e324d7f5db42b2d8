using System.Net;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// A signed delivery through the real host, the durable Quartz job and the review pipeline, against the GitHub
/// simulator on loopback.
/// </summary>
public sealed class ReviewJobEndToEndTests
{
    private const string Token = "simulated-personal-token";

    public static IEnumerable<object[]> Engines => TestDatabase.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Opened_WithoutCredentials_StoresADryRunReviewAndPostsNothing(StorageProvider engine)
    {
        await using var github = await StartGitHubAsync();
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, GitHubSettings(github, token: null));
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var review = await WaitForReviewAsync(app.Services);
        Assert.Equal(ReviewRunStatus.DryRun, review.Status);
        Assert.True(review.CommentCount > 0, "the sample patch deserves at least one inline comment");
        Assert.DoesNotContain(github.Requests, static r => r.IsWrite);
        Assert.Empty(github.UnexpectedRequests);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task QueuedJob_HostStoppedBeforeItRan_RunsOnceAfterRestart(StorageProvider engine)
    {
        await using var github = await StartGitHubAsync();
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = GitHubSettings(github, token: null);

        await using (var receiver = new ReviewBotAppFactory(db, ServeRole.Web, settings))
        {
            using var client = receiver.CreateClient();
            using var response = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Single(await QueuedJobs.ListAsync(receiver.Services));
            Assert.Empty(await receiver.Services.GetRequiredService<IReviewStore>().ListRecentAsync(10, CancellationToken.None));
        }

        await using (var worker = new ReviewBotAppFactory(db, ServeRole.All, settings))
        {
            using var client = worker.CreateClient();
            await WaitForReviewAsync(worker.Services);
            await Eventually.GetAsync(() => QueuedJobs.ListAsync(worker.Services), static q => q.Count == 0, what: "the job to leave the queue");
        }

        await using (var again = new ReviewBotAppFactory(db, ServeRole.All, settings))
        {
            using var client = again.CreateClient();
            var runs = await again.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(
                PullRequestFixture.Repository, PullRequestFixture.Number, PullRequestFixture.HeadSha, CancellationToken.None);
            Assert.Single(runs);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Opened_WithToken_PostsExactlyOneReviewWithInlineCommentsOnDiffLines(StorageProvider engine)
    {
        await using var github = await StartGitHubAsync();
        await using var db = await HostDatabase.CreateAsync(engine);
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, GitHubSettings(github, Token));
        using var client = app.CreateClient();
        var delivery = Guid.NewGuid().ToString();

        using var first = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request", delivery));
        var stored = await WaitForReviewAsync(app.Services);
        using var redelivered = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request", delivery));
        var storm = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request"))));

        Assert.Equal(ReviewRunStatus.Posted, stored.Status);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.All(storm, static r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await Task.Delay(500);
        var review = Assert.Single(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number));
        Assert.Equal("COMMENTED", review.State);
        Assert.Equal(PullRequestFixture.HeadSha, review.CommitId);
        Assert.NotEmpty(review.Comments);
        Assert.All(review.Comments, static c => Assert.True(c.Line > 0 && c.Side == "RIGHT"));
        Assert.Empty(github.UnexpectedRequests);
        foreach (var response in storm)
        {
            response.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ReviewPost_TimesOutAfterGitHubAppliedIt_StillExactlyOneReview(StorageProvider engine)
    {
        await using var github = await StartGitHubAsync();
        github.InjectFault(new FaultRule { Kind = FaultKind.TimeoutAfterApply, Method = "POST", PathEndsWith = "/reviews" });
        await using var db = await HostDatabase.CreateAsync(engine);
        var settings = GitHubSettings(github, Token);
        settings["GitHub:RequestTimeout"] = "00:00:02";
        await using var app = new ReviewBotAppFactory(db, ServeRole.All, settings);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request"));
        var stored = await WaitForReviewAsync(app.Services);

        Assert.Contains(stored.Status, new[] { ReviewRunStatus.Posted, ReviewRunStatus.AlreadyPosted });
        Assert.Single(github.GetReviews(PullRequestFixture.Repository, PullRequestFixture.Number));
        Assert.Equal(1, github.Requests.Count(static r => r.Method == "POST" && r.Path.EndsWith("/reviews", StringComparison.Ordinal)));
    }

    private static async Task<GitHubSimulator> StartGitHubAsync()
    {
        var github = new GitHubSimulator();
        await github.StartAsync();
        github.AddPersonalToken(Token, "reviewbot-user");
        PullRequestFixture.Seed(github);
        return github;
    }

    private static Dictionary<string, string?> GitHubSettings(GitHubSimulator github, string? token) => new()
    {
        ["GitHub:ApiBaseUrl"] = github.BaseAddress.ToString(),
        ["GitHub:Token"] = token,
        ["GitHub:MinWriteInterval"] = "00:00:00.100",
        ["Jobs:RetryDelay"] = "00:00:00.200",
    };

    private static Task<StoredReview> WaitForReviewAsync(IServiceProvider services) =>
        Eventually.GetAsync(
            async () => (await services.GetRequiredService<IReviewStore>().ListForHeadAsync(
                PullRequestFixture.Repository, PullRequestFixture.Number, PullRequestFixture.HeadSha, CancellationToken.None)) is [var first, ..] ? first : null,
            static r => r is { Status: not ReviewRunStatus.Running },
            what: "the review job to finish")!;
}
