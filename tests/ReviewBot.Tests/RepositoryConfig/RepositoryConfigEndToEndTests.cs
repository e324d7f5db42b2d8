using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Data.Settings;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Simulators.OpenAi;
using ReviewBot.Tests.Support;
using Dapper;

namespace ReviewBot.Tests.RepositoryConfig;

/// <summary>
/// <c>.github/reviewbot.yml</c> through the real host, the durable job and the GitHub simulator: read at the base
/// commit inside the job, merged over the organisation's defaults, explained once when invalid.
/// </summary>
public sealed class RepositoryConfigEndToEndTests
{
    private const string ConfigPath = ".github/reviewbot.yml";
    private static readonly string BaseSha = new('b', 40);

    [Fact]
    public async Task Review_ValidConfig_AppliesItAndStoresTheEffectiveConfig()
    {
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, "max_comments: 1\ntraining_opt_out: true\n"));

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        Assert.Equal(ReviewRunStatus.Posted, run.Status);
        var review = Assert.Single(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number));
        Assert.Single(review.Comments);
        var config = JsonNode.Parse(await StoredConfigAsync(host, run.Id))!;
        Assert.Equal(1, config["ranking"]!["maxComments"]!.GetValue<int>());
        Assert.Equal(1, config["repository"]!["maxComments"]!.GetValue<int>());
        Assert.True(config["repository"]!["trainingOptOut"]!.GetValue<bool>());
        Assert.Equal("Applied", config["files"]![0]!["status"]!.GetValue<string>());
        Assert.Contains(HostedGitHub.Repository, await host.Service<RepositorySettingsStore>().ListTrainingOptOutsAsync(CancellationToken.None));
        await using (var connection = await host.Service<ReviewBotDatabase>().OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT training_opt_out FROM repositories WHERE full_name = @repository", new { repository = HostedGitHub.Repository }));
        }

        Assert.Empty(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number));
        Assert.Empty(host.GitHub.UnexpectedRequests);
    }

    [Fact]
    public async Task Review_MissingConfig_UsesDefaultsAndSaysNothing()
    {
        await using var host = await HostedGitHub.StartAsync();

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        Assert.Equal(ReviewRunStatus.Posted, run.Status);
        Assert.InRange(Assert.Single(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number)).Comments.Count, 2, 4);
        Assert.Empty(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number));
        Assert.Contains(host.GitHub.Requests, r => r.Path.EndsWith("/contents/.github/reviewbot.yml", StringComparison.Ordinal) && r.Query.Contains(BaseSha, StringComparison.Ordinal) && r.Status == 404);
    }

    [Fact]
    public async Task Review_InvalidConfig_ExplainsOnceAndReviewsWithDefaults()
    {
        const string newHead = "1111111111111111111111111111111111111111";
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, "max_comments: 100\nlanguage: en\n"));

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        await host.WaitForRunsAsync();
        host.GitHub.Push(HostedGitHub.Repository, HostedGitHub.Number, newHead, File.ReadAllText(RepositoryPaths.SamplePatch).Replace("_reserved = _reserved;", "_reserved = _reserved + 0;", StringComparison.Ordinal));
        await host.DeliverAsync(PullRequestFixture.SynchronizeDelivery(newHead), "pull_request");
        await host.WaitForRunsAsync(newHead);

        var notice = Assert.Single(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number));
        Assert.Contains("line 1, column 15: max_comments must be between 0 and 50; got 100", notice.Body, StringComparison.Ordinal);
        Assert.Contains("line 2, column 1: unknown setting 'language'", notice.Body, StringComparison.Ordinal);
        Assert.Contains(".github/reviewbot.yml", notice.Body, StringComparison.Ordinal);
        Assert.Equal(HostedGitHub.BotUser, notice.UserLogin);
        var first = host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number)[0];
        Assert.InRange(first.Comments.Count, 2, 4);
    }

    [Fact]
    public async Task Review_ConfigChangedOnlyInTheHead_DoesNotChangeItsOwnReview()
    {
        var head = new Dictionary<string, string> { [ConfigPath] = "enabled: false\nmax_comments: 50\n" };
        var pr = new SimulatedPullRequest
        {
            Repository = PullRequestFixture.Repository,
            Number = PullRequestFixture.Number,
            HeadSha = PullRequestFixture.HeadSha,
            Patch = File.ReadAllText(RepositoryPaths.SamplePatch) + AddConfigPatch("enabled: false\nmax_comments: 50\n"),
            HeadFiles = head,
        };
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, "max_comments: 1\n"), pullRequest: pr);

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        Assert.Equal(ReviewRunStatus.Posted, run.Status);
        Assert.Single(Assert.Single(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number)).Comments);
        var configReads = host.GitHub.Requests.Where(static r => r.Path.EndsWith("/contents/" + ConfigPath, StringComparison.Ordinal) && r.Path.Contains("Hello-World", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(configReads);
        Assert.All(configReads, r => Assert.Contains("ref=" + BaseSha, r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_OrganisationDefaults_AreMergedUnderTheRepositoryFile()
    {
        await using var host = await HostedGitHub.StartAsync(github =>
        {
            github.AddFile("Codertocat/.github", "main", "reviewbot.yml", Encoding.UTF8.GetBytes("max_comments: 1\nskip:\n  labels: [wip]\ntraining_opt_out: true\n"));
            AddConfig(github, "training_opt_out: false\n");
        });

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        Assert.Single(Assert.Single(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number)).Comments);
        var config = JsonNode.Parse(await StoredConfigAsync(host, run.Id))!;
        Assert.Equal("wip", config["repository"]!["skipLabels"]![0]!.GetValue<string>());
        Assert.False(config["repository"]!["trainingOptOut"]!.GetValue<bool>());
        Assert.Equal(["Codertocat/.github", "Codertocat/Hello-World"], config["files"]!.AsArray().Select(static f => f!["repository"]!.GetValue<string>()));
        Assert.DoesNotContain(HostedGitHub.Repository, await host.Service<RepositorySettingsStore>().ListTrainingOptOutsAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("enabled: false\n", "enabled: false")]
    [InlineData("skip:\n  labels: [do-not-review]\n", "do-not-review")]
    [InlineData("skip:\n  authors: [OctoCat]\n", "octocat")]
    public async Task Review_ConfigSaysSkip_PostsNothingAndRecordsWhy(string yaml, string reason)
    {
        var pr = new SimulatedPullRequest
        {
            Repository = PullRequestFixture.Repository,
            Number = PullRequestFixture.Number,
            HeadSha = PullRequestFixture.HeadSha,
            Patch = File.ReadAllText(RepositoryPaths.SamplePatch),
            Labels = ["do-not-review"],
        };
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, yaml), pullRequest: pr);

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        Assert.Equal(ReviewRunStatus.Skipped, run.Status);
        Assert.Contains(reason, run.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number));
    }

    [Fact]
    public async Task Review_ExcludedPaths_AreNotReviewedAndAreListed()
    {
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, "paths:\n  exclude: [\"src/Inventory/**\"]\n"));

        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        var run = Assert.Single(await host.WaitForRunsAsync());

        var review = Assert.Single(host.GitHub.GetReviews(HostedGitHub.Repository, HostedGitHub.Number));
        Assert.Empty(review.Comments);
        Assert.Contains("excluded by .github/reviewbot.yml", review.Body, StringComparison.Ordinal);
        Assert.Equal(0, run.CommentCount);
    }

    [Fact]
    public async Task Review_DraftsOnInTheRepository_TheNextDraftIsQueuedAtIntake()
    {
        await using var host = await HostedGitHub.StartAsync(github => AddConfig(github, "drafts: true\n"));
        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        await host.WaitForRunsAsync();

        using var draft = await host.DeliverAsync(
            HostedGitHub.Opened(p => { p["pull_request"]!["draft"] = true; p["pull_request"]!["head"]!["sha"] = "2222222222222222222222222222222222222222"; }),
            "pull_request");

        Assert.Equal(HttpStatusCode.Accepted, draft.StatusCode);
        Assert.Contains("\"queued\"", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_InstructionsWithLlm_ReachThePromptFencedAsRepositoryConfig_AndLlmOffUsesTheOfflineCritic()
    {
        await using var model = await FakeOpenAiServer.StartAsync(DeterministicCritic.Answer);
        var llm = new Dictionary<string, string?>
        {
            ["Critic:Endpoint"] = model.BaseAddress.ToString(),
            ["Critic:Model"] = "test-model",
            ["Critic:MaxRetries"] = "0",
        };
        await using (var host = await HostedGitHub.StartAsync(github => AddConfig(github, "instructions:\n  - paths: [\"src/Inventory/**\"]\n    text: Stock counts never go negative.\n"), llm))
        {
            await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
            Assert.Equal(ReviewRunStatus.Posted, Assert.Single(await host.WaitForRunsAsync()).Status);
        }

        var prompt = model.Requests[0].Prompt;
        var fence = System.Text.RegularExpressions.Regex.Match(prompt, "<<<DATA (?<nonce>[0-9a-f]{32}) repository-config>>>\\n(?<body>.*?)\\n<<<END \\k<nonce>>>>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(fence.Success, "the guidance is fenced as repository-config");
        Assert.Equal("For src/Inventory/StockService.cs:\nStock counts never go negative.", fence.Groups["body"].Value);
        var requests = model.Requests.Count;

        await using (var offline = await HostedGitHub.StartAsync(github => AddConfig(github, "llm: false\n"), llm))
        {
            await offline.DeliverAsync(HostedGitHub.Opened(), "pull_request");
            var run = Assert.Single(await offline.WaitForRunsAsync());
            Assert.Equal(ReviewRunStatus.Posted, run.Status);
            Assert.Contains("\"critic\":\"offline\"", await StoredConfigAsync(offline, run.Id), StringComparison.Ordinal);
        }

        Assert.Equal(requests, model.Requests.Count);
    }

    private static void AddConfig(GitHubSimulator github, string yaml) =>
        github.AddFile(PullRequestFixture.Repository, BaseSha, ConfigPath, Encoding.UTF8.GetBytes(yaml));

    private static string AddConfigPatch(string yaml)
    {
        var lines = yaml.TrimEnd('\n').Split('\n');
        return $"diff --git a/{ConfigPath} b/{ConfigPath}\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/{ConfigPath}\n@@ -0,0 +1,{lines.Length} @@\n" +
            string.Concat(lines.Select(static l => "+" + l + "\n"));
    }

    private static async Task<string> StoredConfigAsync(HostedGitHub host, long runId)
    {
        await using var connection = await host.Service<ReviewBotDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>("SELECT config_json FROM reviews WHERE id = @runId", new { runId }) ?? "";
    }
}
