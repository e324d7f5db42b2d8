using ReviewBot.Core.Storage;
using ReviewBot.Data.Feedback;
using ReviewBot.Jobs.Feedback;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs.Feedback;

/// <summary>The poll pass against the GitHub simulator, after a review was posted through the real host.</summary>
public sealed class FeedbackPollerTests
{
    private const string Token = "simulated-personal-token";
    private const string BotLogin = "reviewbot-user";

    [Fact]
    public async Task RunPassAsync_NewHeadWithoutTheFlaggedCode_RecordsCodeChangedOnlyForThatComment()
    {
        await using var host = await PostedReview.StartAsync();
        var store = host.Services.GetRequiredService<FeedbackStore>();
        var comments = await store.ListPostedCommentsAsync(PullRequestFixture.Repository, PullRequestFixture.Number, CancellationToken.None);
        var changed = comments[0];
        const string newHead = "1111111111111111111111111111111111111111";
        var files = comments.Where(c => c.CommentId != changed.CommentId).GroupBy(c => Path(host, c.CommentId))
            .ToDictionary(static g => g.Key, static g => string.Join('\n', g.Select(static c => c.Quote)) + "\n");
        files.TryAdd(Path(host, changed.CommentId), "// rewritten\n");
        host.GitHub.Push(PullRequestFixture.Repository, PullRequestFixture.Number, newHead, File.ReadAllText(RepositoryPaths.SamplePatch), files);
        await store.UpsertPullRequestAsync(new PullRequestState { Repository = PullRequestFixture.Repository, Number = PullRequestFixture.Number, State = "open", HeadSha = newHead }, CancellationToken.None);

        await host.Poller.RunPassAsync(null, CancellationToken.None);
        host.GitHub.ClearRequests();
        await host.Poller.RunPassAsync(null, CancellationToken.None);

        var events = await store.ListEventsAsync(PullRequestFixture.Repository, PullRequestFixture.Number, CancellationToken.None);
        var change = Assert.Single(events, static e => e.Kind == FeedbackEventKind.CodeChanged);
        Assert.Equal(changed.CommentId, change.CommentId);
        Assert.Equal(newHead, change.HeadSha);
        Assert.DoesNotContain(host.GitHub.Requests, static r => r.Path.Contains("/contents/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunPassAsync_ReactionTakenBack_RecordsItsRemoval()
    {
        await using var host = await PostedReview.StartAsync();
        var comment = host.Comments[0];
        host.GitHub.AddReaction(comment, "-1", "Codertocat");
        await host.Poller.RunPassAsync(null, CancellationToken.None);

        host.GitHub.RemoveReaction(comment, "-1", "Codertocat");
        var second = await host.Poller.RunPassAsync(null, CancellationToken.None);

        var events = await host.Services.GetRequiredService<FeedbackStore>().ListEventsAsync(PullRequestFixture.Repository, PullRequestFixture.Number, CancellationToken.None);
        Assert.Equal([FeedbackEventKind.ReactionAdded, FeedbackEventKind.ReactionRemoved], events.Where(e => e.CommentId == comment).Select(static e => e.Kind));
        Assert.Equal("OWNER", events[0].AuthorAssociation);
        Assert.Equal(1, second.Events);
    }

    [Fact]
    public async Task RunPassAsync_RateLimited_StopsThePassAndTheNextPassCatchesUp()
    {
        await using var host = await PostedReview.StartAsync(new() { ["GitHub:MaxRateLimitWait"] = "00:00:00", ["GitHub:RateLimitBackoffScale"] = "0.001" });
        host.GitHub.AddReaction(host.Comments[0], "+1", "Codertocat");
        host.GitHub.InjectFault(new FaultRule { Kind = FaultKind.PrimaryRateLimit, Method = "GET", PathEndsWith = "/reactions", RetryAfterSeconds = 600 });

        var limited = await host.Poller.RunPassAsync(null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var resumed = await host.Poller.RunPassAsync(null, CancellationToken.None);

        Assert.True(limited.RateLimited);
        Assert.Equal(0, limited.Events);
        Assert.False(resumed.RateLimited);
        Assert.Equal(1, resumed.Events);
    }

    private static string Path(PostedReview host, long commentId) =>
        host.GitHub.GetReviewComments(PullRequestFixture.Repository, PullRequestFixture.Number).Single(c => c.Id == commentId).Path;

    /// <summary>The host with a review of the recorded pull request posted on the simulator; the scheduled poll is off.</summary>
    private sealed class PostedReview : IAsyncDisposable
    {
        private PostedReview(GitHubSimulator github, TempDirectory data, ReviewBotAppFactory app, IReadOnlyList<long> comments)
        {
            (GitHub, Data, App, Comments) = (github, data, app, comments);
        }

        public GitHubSimulator GitHub { get; }

        public TempDirectory Data { get; }

        public ReviewBotAppFactory App { get; }

        public IReadOnlyList<long> Comments { get; }

        public IServiceProvider Services => App.Services;

        public FeedbackPoller Poller => Services.GetRequiredService<FeedbackPoller>();

        public static async Task<PostedReview> StartAsync(Dictionary<string, string?>? extra = null)
        {
            var github = new GitHubSimulator();
            await github.StartAsync();
            github.AddPersonalToken(Token, BotLogin);
            PullRequestFixture.Seed(github);
            var data = new TempDirectory();
            var settings = new Dictionary<string, string?>
            {
                ["GitHub:ApiBaseUrl"] = github.BaseAddress.ToString(),
                ["GitHub:Token"] = Token,
                ["GitHub:BotLogin"] = BotLogin,
                ["GitHub:MinWriteInterval"] = "00:00:00.050",
                ["Feedback:PollEnabled"] = "false",
            };
            foreach (var (key, value) in extra ?? [])
            {
                settings[key] = value;
            }

            var app = new ReviewBotAppFactory(data.Path, ServeRole.All, settings);
            using var client = app.CreateClient();
            using (await client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request")))
            {
            }

            await Eventually.GetAsync(
                async () => await app.Services.GetRequiredService<IReviewStore>().ListForHeadAsync(PullRequestFixture.Repository, PullRequestFixture.Number, PullRequestFixture.HeadSha, CancellationToken.None),
                static runs => runs is [{ Status: ReviewRunStatus.Posted }],
                what: "the review to be posted");
            var comments = github.GetReviewComments(PullRequestFixture.Repository, PullRequestFixture.Number).Select(static c => c.Id).Order().ToList();
            return new PostedReview(github, data, app, comments);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await GitHub.DisposeAsync();
            Data.Dispose();
        }
    }
}
