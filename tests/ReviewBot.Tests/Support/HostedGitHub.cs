using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Core.Storage;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The GitHub simulator with the fixture pull request (and a personal token ReviewBot posts with), and the real host
/// pointed at it: what the configuration and command tests share.
/// </summary>
internal sealed class HostedGitHub : IAsyncDisposable
{
    public const string Token = "simulated-personal-token";
    public const string BotUser = "reviewbot-user";

    private readonly TempDirectory _data = new();

    private HostedGitHub(GitHubSimulator github) => GitHub = github;

    public GitHubSimulator GitHub { get; }

    public ReviewBotAppFactory App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static string Repository => PullRequestFixture.Repository;

    public static int Number => PullRequestFixture.Number;

    public static async Task<HostedGitHub> StartAsync(
        Action<GitHubSimulator>? seed = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        SimulatedPullRequest? pullRequest = null,
        bool withToken = true)
    {
        var github = new GitHubSimulator();
        await github.StartAsync();
        github.AddPersonalToken(Token, BotUser);
        if (pullRequest is null)
        {
            PullRequestFixture.Seed(github);
        }
        else
        {
            github.AddPullRequest(pullRequest);
        }

        seed?.Invoke(github);
        var hosted = new HostedGitHub(github);
        var all = new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = github.BaseAddress.ToString(),
            ["GitHub:Token"] = withToken ? Token : null,
            ["GitHub:MinWriteInterval"] = "00:00:00.050",
            ["Jobs:RetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        hosted.App = new ReviewBotAppFactory(hosted._data.Path, ServeRole.All, all);
        hosted.Client = hosted.App.CreateClient();
        return hosted;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<HttpResponseMessage> DeliverAsync(byte[] body, string eventName) =>
        await Client.SendAsync(SignedDelivery.Create(body, eventName));

    /// <summary>The fixture's <c>pull_request.opened</c>, optionally with the pull request's fields changed.</summary>
    public static byte[] Opened(Action<JsonNode>? change = null)
    {
        var payload = JsonNode.Parse(PullRequestFixture.OpenedDelivery())!;
        change?.Invoke(payload);
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    /// <summary>An <c>issue_comment.created</c> on the fixture pull request by <paramref name="login"/>, whose id the simulator knows.</summary>
    public byte[] CommentCreated(string body, string login)
    {
        var id = GitHub.AddIssueComment(Repository, Number, body, login);
        var payload = JsonNode.Parse(File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("issue_comment", "created.with-installation.payload.json"))))!;
        payload.AsObject().Remove("installation");
        payload["repository"]!["full_name"] = Repository;
        payload["issue"]!["number"] = Number;
        payload["issue"]!["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{Repository}/pulls/{Number}" };
        payload["comment"]!["id"] = id;
        payload["comment"]!["body"] = body;
        payload["comment"]!["user"]!["login"] = login;
        payload["sender"]!["login"] = login;
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    /// <summary>The runs of one head, once none is running any more.</summary>
    public Task<IReadOnlyList<StoredReview>> WaitForRunsAsync(string? headSha = null, int count = 1) =>
        Eventually.GetAsync(
            () => Service<IReviewStore>().ListForHeadAsync(Repository, Number, headSha ?? PullRequestFixture.HeadSha, CancellationToken.None),
            r => r.Count >= count && r.All(static x => x.Status != ReviewRunStatus.Running),
            what: "the review job to finish");

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await GitHub.DisposeAsync();
        _data.Dispose();
    }
}
