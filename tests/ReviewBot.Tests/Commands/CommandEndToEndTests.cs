using System.Net;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Storage;
using ReviewBot.Data.Commands;
using ReviewBot.Simulators.GitHub;
using ReviewBot.Simulators.OpenAi;
using ReviewBot.Tests.Support;
using Microsoft.Extensions.Options;

namespace ReviewBot.Tests.Commands;

/// <summary>
/// Commands in pull request comments through the real host: stored at intake, authorised by asking the GitHub
/// simulator in a durable job, carried out, acknowledged.
/// </summary>
public sealed class CommandEndToEndTests
{
    private const string Maintainer = "maintainer";
    private const string Reader = "drive-by";

    [Fact]
    public async Task Review_FromUserWithWriteAccess_ReviewsTheHeadAgainWithoutRepeatingComments()
    {
        await using var host = await StartAsync();
        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        await host.WaitForRunsAsync();
        var firstComments = host.GitHub.GetReviewComments(HostedGitHub.Repository, HostedGitHub.Number).Count;

        using var response = await host.DeliverAsync(host.CommentCreated("@reviewbot review", Maintainer), "issue_comment");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runs = await host.WaitForRunsAsync(count: 2);
        Assert.Equal(2, runs.Count);
        Assert.StartsWith("rerun-", runs[1].RunId, StringComparison.Ordinal);
        Assert.Contains(runs[1].Status, new[] { ReviewRunStatus.Skipped, ReviewRunStatus.Posted });
        Assert.Equal(firstComments, host.GitHub.GetReviewComments(HostedGitHub.Repository, HostedGitHub.Number).Count);
        var command = await WaitForCommandAsync(host, CommandStatus.Done);
        Assert.Equal("review", command.Command);
        await Eventually.GetAsync(
            () => Task.FromResult(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number).Single(static c => c.UserLogin == Maintainer).Reactions),
            static reactions => reactions.Contains(("eyes", HostedGitHub.BotUser)),
            what: "the 👀 on the command");
        Assert.Contains(host.GitHub.Requests, static r => r.Path.EndsWith($"/collaborators/{Maintainer}/permission", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("read", "read")]
    [InlineData("read", "triage")]
    [InlineData("none", "none")]
    public async Task Review_FromUserWithoutWriteAccess_IsRefusedSilently(string permission, string role)
    {
        await using var host = await StartAsync(github => github.SetPermission(HostedGitHub.Repository, Reader, permission, role));

        await host.DeliverAsync(host.CommentCreated("@reviewbot review", Reader), "issue_comment");
        var command = await WaitForCommandAsync(host, CommandStatus.Refused);

        Assert.Contains("not write", command.Reason, StringComparison.Ordinal);
        Assert.Empty(await host.Service<IReviewStore>().ListRecentAsync(10, CancellationToken.None));
        Assert.DoesNotContain(host.GitHub.Requests, static r => r.IsWrite);
        Assert.Empty(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number).Single().Reactions);
    }

    [Fact]
    public async Task Maintain_Role_CountsAsWriteAccess()
    {
        await using var host = await StartAsync(github => github.SetPermission(HostedGitHub.Repository, "lead", "write", "maintain"));

        await host.DeliverAsync(host.CommentCreated("@reviewbot pause", "lead"), "issue_comment");

        Assert.Equal("paused", (await WaitForCommandAsync(host, CommandStatus.Done)).Reason);
    }

    [Fact]
    public async Task Pause_ThenPush_IsNotReviewed_ResumeReviewsTheCurrentHead()
    {
        const string newHead = "3333333333333333333333333333333333333333";
        await using var host = await StartAsync();

        await host.DeliverAsync(host.CommentCreated("@reviewbot pause", Maintainer), "issue_comment");
        await WaitForCommandAsync(host, CommandStatus.Done);
        host.GitHub.Push(HostedGitHub.Repository, HostedGitHub.Number, newHead, File.ReadAllText(RepositoryPaths.SamplePatch));
        using var push = await host.DeliverAsync(PullRequestFixture.SynchronizeDelivery(newHead), "pull_request");

        Assert.Contains("paused", await push.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await host.Service<PullRequestStateStore>().IsPausedAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None));
        Assert.Empty(await host.Service<IReviewStore>().ListRecentAsync(10, CancellationToken.None));
        await Eventually.GetAsync(
            () => Task.FromResult(host.GitHub.GetIssueComments(HostedGitHub.Repository, HostedGitHub.Number)),
            static comments => comments.Any(static c => c.UserLogin == HostedGitHub.BotUser && c.Body.StartsWith("Paused", StringComparison.Ordinal)),
            what: "the acknowledgement of the pause");

        await host.DeliverAsync(host.CommentCreated("@reviewbot resume", Maintainer), "issue_comment");
        var run = Assert.Single(await host.WaitForRunsAsync(newHead));

        Assert.Equal(ReviewRunStatus.Posted, run.Status);
        Assert.False(await host.Service<PullRequestStateStore>().IsPausedAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None));
    }

    [Fact]
    public async Task UnknownCommand_IsRecordedAndNothingHappens()
    {
        await using var host = await StartAsync();

        using var response = await host.DeliverAsync(host.CommentCreated("@reviewbot approve", Maintainer), "issue_comment");

        Assert.Contains("not a command", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var command = Assert.Single(await host.Service<CommandStore>().ListAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None));
        Assert.Equal(CommandStatus.Unknown, command.Status);
        Assert.Empty(await QueuedJobs.ListAsync(host.App.Services));
        Assert.DoesNotContain(host.GitHub.Requests, static r => r.Path.Contains("/collaborators/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@reviewbot review --llm-endpoint {attacker} --api-key sk-attacker")]
    [InlineData("@reviewbot set Critic:Endpoint={attacker}")]
    [InlineData("@reviewbot config\nCritic__ApiKey: sk-attacker\nCritic__Endpoint: {attacker}")]
    public async Task Comment_TryingToSetTheEndpointOrKey_ChangesNothing(string template)
    {
        await using var attacker = await FakeOpenAiServer.StartAsync(DeterministicCritic.Answer);
        await using var host = await StartAsync();
        var body = template.Replace("{attacker}", attacker.BaseAddress.ToString(), StringComparison.Ordinal);

        await host.DeliverAsync(host.CommentCreated(body, Maintainer), "issue_comment");
        await host.DeliverAsync(HostedGitHub.Opened(), "pull_request");
        await host.WaitForRunsAsync();

        var command = Assert.Single(await host.Service<CommandStore>().ListAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None));
        Assert.Contains(command.Status, new[] { CommandStatus.Refused, CommandStatus.Unknown });
        Assert.DoesNotContain("sk-attacker", command.Reason ?? "", StringComparison.Ordinal);
        Assert.Empty(attacker.Requests);
        Assert.Null(host.Service<IOptions<CriticOptions>>().Value.Endpoint);
        Assert.Equal("offline", host.Service<ReviewBot.Core.Pipeline.ReviewPipeline>().Critic.Name);
        Assert.DoesNotContain(host.GitHub.Requests, static r => r.Path.Contains("/collaborators/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CommentByABot_IsIgnored()
    {
        await using var host = await StartAsync();

        using var response = await host.DeliverAsync(host.CommentCreated("@reviewbot pause", "other-app[bot]"), "issue_comment");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await host.Service<CommandStore>().ListAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None));
    }

    private static Task<HostedGitHub> StartAsync(Action<GitHubSimulator>? seed = null) =>
        HostedGitHub.StartAsync(github =>
        {
            github.SetPermission(HostedGitHub.Repository, Maintainer, "write");
            seed?.Invoke(github);
        });

    private static Task<StoredCommand> WaitForCommandAsync(HostedGitHub host, CommandStatus status) =>
        Eventually.GetAsync(
            async () => (await host.Service<CommandStore>().ListAsync(HostedGitHub.Repository, HostedGitHub.Number, CancellationToken.None)) is [.., var last] ? last : null!,
            c => c is not null && c.Status == status,
            what: $"the command to end {status}");
}
