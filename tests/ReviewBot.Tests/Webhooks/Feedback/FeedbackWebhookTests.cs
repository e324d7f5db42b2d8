using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Data.Feedback;
using ReviewBot.Tests.Jobs.Feedback;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Webhooks.Feedback;

/// <summary>Feedback deliveries through the real endpoint: stored once, bots ignored, nothing sent to GitHub.</summary>
public sealed class FeedbackWebhookTests
{
    private const long Ours = 284312630;
    private const long Other = 111;

    [Fact]
    public async Task Reply_DeliveredTwiceAndRedelivered_StoredOnce()
    {
        await using var host = await HostAsync();
        var body = FeedbackDeliveries.Reply("created", 900, Ours, "contrib", "CONTRIBUTOR", "This is wrong.");
        var delivery = Guid.NewGuid().ToString();

        var first = await SendAsync(host.Client, "pull_request_review_comment", body, delivery);
        var duplicate = await SendAsync(host.Client, "pull_request_review_comment", body, delivery);
        var again = await SendAsync(host.Client, "pull_request_review_comment", body);

        Assert.Equal((HttpStatusCode.Accepted, "recorded"), first);
        Assert.Equal((HttpStatusCode.OK, "duplicate"), duplicate);
        Assert.Equal((HttpStatusCode.Accepted, "recorded"), again);
        var reply = Assert.Single(await host.EventsAsync());
        Assert.Equal((FeedbackEventKind.ReplyCreated, Ours, "contrib", "CONTRIBUTOR", "This is wrong."), (reply.Kind, reply.CommentId!.Value, reply.Actor!, reply.AuthorAssociation!, reply.Content!));
    }

    [Fact]
    public async Task Reply_EditedThenDeleted_BothRecorded()
    {
        await using var host = await HostAsync();
        await SendAsync(host.Client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 900, Ours, "contrib", "CONTRIBUTOR", "Hmm."));
        await SendAsync(host.Client, "pull_request_review_comment", Edit(FeedbackDeliveries.Reply("edited", 900, Ours, "contrib", "CONTRIBUTOR", "Good catch."), "2026-03-01T10:00:00Z"));
        await SendAsync(host.Client, "pull_request_review_comment", FeedbackDeliveries.Reply("deleted", 900, Ours, "contrib", "CONTRIBUTOR", "Good catch."));

        Assert.Equal([FeedbackEventKind.ReplyCreated, FeedbackEventKind.ReplyEdited, FeedbackEventKind.ReplyDeleted], (await host.EventsAsync()).Select(static e => e.Kind).Order());
    }

    [Fact]
    public async Task Reply_ByTheBotOrToSomeoneElsesComment_NotRecorded()
    {
        await using var host = await HostAsync();

        var bot = await SendAsync(host.Client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 901, Ours, "reviewbot-user", "NONE", "Thanks!"));
        var appBot = await SendAsync(host.Client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 902, Ours, "other-app[bot]", "NONE", "Done"));
        var elsewhere = await SendAsync(host.Client, "pull_request_review_comment", FeedbackDeliveries.Reply("created", 903, Other, "contrib", "CONTRIBUTOR", "ok"));

        Assert.Equal("skipped", bot.Outcome);
        Assert.Equal("skipped", appBot.Outcome);
        Assert.Equal("ignored", elsewhere.Outcome);
        Assert.Empty(await host.EventsAsync());
    }

    [Fact]
    public async Task Thread_ResolvedAndUnresolved_RecordedWithWhoDidIt()
    {
        await using var host = await HostAsync();

        var resolved = await SendAsync(host.Client, "pull_request_review_thread", FeedbackDeliveries.Thread("resolved", Ours, "Codertocat"));
        var unresolved = await SendAsync(host.Client, "pull_request_review_thread", FeedbackDeliveries.Thread("unresolved", Ours, "Codertocat"));
        var byBot = await SendAsync(host.Client, "pull_request_review_thread", FeedbackDeliveries.Thread("resolved", Ours, "reviewbot-user"));
        var notOurs = await SendAsync(host.Client, "pull_request_review_thread", FeedbackDeliveries.Thread("resolved", Other, "Codertocat"));

        Assert.Equal(("recorded", "recorded", "skipped", "ignored"), (resolved.Outcome, unresolved.Outcome, byBot.Outcome, notOurs.Outcome));
        var events = await host.EventsAsync();
        Assert.Equal([FeedbackEventKind.ThreadResolved, FeedbackEventKind.ThreadUnresolved], events.Select(static e => e.Kind));
        Assert.All(events, static e => Assert.Equal(("Codertocat", "OWNER", "PRRT_kwDOCJ0_As4A5bCd"), (e.Actor!, e.AuthorAssociation!, e.Content!)));
    }

    [Fact]
    public async Task ConversationComment_LinkingToAReviewBotComment_TiedToIt()
    {
        await using var host = await HostAsync();
        var payload = JsonNode.Parse(File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("issue_comment", "created.payload.json"))))!;
        payload["issue"]!["number"] = PullRequestFixture.Number;
        payload["issue"]!["pull_request"] = new JsonObject { ["url"] = "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
        payload["comment"]!["body"] = $"The bot is wrong about https://github.com/Codertocat/Hello-World/pull/2#discussion_r{Ours}";

        var answer = await SendAsync(host.Client, "issue_comment", Encoding.UTF8.GetBytes(payload.ToJsonString()));

        Assert.Equal("recorded", answer.Outcome);
        var e = Assert.Single(await host.EventsAsync());
        Assert.Equal((FeedbackEventKind.ConversationComment, Ours), (e.Kind, e.CommentId!.Value));
    }

    [Fact]
    public async Task PullRequestClosed_ReviewedPullRequest_MergeOrCloseRecordedAndStateKept()
    {
        await using var host = await HostAsync();
        var closed = File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("pull_request", "closed.payload.json")));

        var answer = await SendAsync(host.Client, "pull_request", closed);

        Assert.Equal("recorded", answer.Outcome);
        Assert.Equal(FeedbackEventKind.PullRequestClosed, Assert.Single(await host.EventsAsync()).Kind);
        await using var connection = await host.Services.GetRequiredService<ReviewBotDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal("closed", await connection.ExecuteScalarAsync<string>("SELECT state FROM pull_requests WHERE repository = 'Codertocat/Hello-World' AND number = 2"));
    }

    [Fact]
    public async Task Installation_Created_InstallationAndRepositoriesRecorded()
    {
        await using var host = await HostAsync();

        var answer = await SendAsync(host.Client, "installation", File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("installation", "created.payload.json"))));

        Assert.Equal("recorded", answer.Outcome);
        await using var connection = await host.Services.GetRequiredService<ReviewBotDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal("Codertocat", await connection.ExecuteScalarAsync<string>("SELECT account FROM installations WHERE id = 957387"));
        Assert.Equal(957387L, await connection.ExecuteScalarAsync<long>("SELECT installation_id FROM repositories WHERE full_name = 'Codertocat/Hello-World'"));
    }

    private static byte[] Edit(byte[] body, string updatedAt)
    {
        var payload = JsonNode.Parse(body)!;
        payload["comment"]!["updated_at"] = updatedAt;
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static async Task<(HttpStatusCode Status, string Outcome)> SendAsync(HttpClient client, string eventName, byte[] body, string? delivery = null)
    {
        using var response = await client.SendAsync(SignedDelivery.Create(body, eventName, delivery));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, answer["outcome"]!.GetValue<string>());
    }

    /// <summary>A web-role host (no GitHub) whose store holds a posted review of Codertocat/Hello-World#2 with comment <see cref="Ours"/>.</summary>
    private static async Task<FeedbackHost> HostAsync()
    {
        var data = new TempDirectory();
        var app = new ReviewBotAppFactory(data.Path, ServeRole.Web, new Dictionary<string, string?> { ["GitHub:BotLogin"] = "reviewbot-user", ["Feedback:PollEnabled"] = "false" });
        var client = app.CreateClient();
        var store = app.Services.GetRequiredService<IReviewStore>();
        var target = new ReviewTarget { Repository = PullRequestFixture.Repository, PullNumber = PullRequestFixture.Number, HeadSha = PullRequestFixture.HeadSha, RunId = "run-1" };
        var highlight = new Highlight { Path = "README.md", StartLine = 1, EndLine = 1, Quote = "# Hello World", Comment = "Typo." };
        var comment = new ReviewComment { Path = "README.md", Line = 1, Quote = highlight.Quote, Body = "Typo.", Kind = FindingKind.Style, Score = 0.1, Fingerprint = "f", Highlight = highlight };
        var run = await store.StartRunAsync(target, "{}", CancellationToken.None);
        await store.CompleteRunAsync(
            run,
            new ReviewResult
            {
                Comments = [comment],
                Summary = "",
                Stats = new ReviewStats(),
                Provenance = new ReviewProvenance { Critic = "offline", RewardModel = "heuristic:v1", Seed = 0, SearchMode = SearchMode.Fsbs },
            },
            new PublishOutcome { Status = PublishStatus.Posted, Comments = [new PostedComment(Ours, "README.md", 1, null, "f", "Typo.")] },
            CancellationToken.None);
        return new FeedbackHost(data, app, client);
    }

    private sealed class FeedbackHost(TempDirectory data, ReviewBotAppFactory app, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client => client;

        public IServiceProvider Services => app.Services;

        public Task<IReadOnlyList<FeedbackEvent>> EventsAsync() =>
            Services.GetRequiredService<FeedbackStore>().ListEventsAsync(PullRequestFixture.Repository, PullRequestFixture.Number, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await app.DisposeAsync();
            data.Dispose();
        }
    }
}
