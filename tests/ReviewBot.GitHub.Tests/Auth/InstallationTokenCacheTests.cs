using ReviewBot.GitHub.Auth;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Sources;
using ReviewBot.GitHub.Tests.TestSupport;

namespace ReviewBot.GitHub.Tests.Auth;

public sealed class InstallationTokenCacheTests
{
    private static readonly RepositoryName Repo = RepositoryName.Parse(Reviews.Repository);

    [Fact]
    public async Task GetAsync_TwentyConcurrentCallers_OneTokenRequest()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.IsOk, r.Describe()));
        Assert.Single(host.Simulator.Requests, r => r.Path.EndsWith("/access_tokens", StringComparison.Ordinal));
        Assert.Equal(20, host.Simulator.Requests.Count(r => r.Path == "/repos/octo-org/demo/pulls/1"));
    }

    [Fact]
    public async Task GetAsync_TokenFiveMinutesFromExpiry_RefreshedOnce()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var cache = new InstallationTokenCache(clock);
        var fetches = 0;
        Task<GitHubResult<InstallationToken>> FetchAsync(long id, CancellationToken ct)
        {
            Interlocked.Increment(ref fetches);
            return Task.FromResult(GitHubResult.Ok(new InstallationToken { Token = $"ghs_{fetches}", ExpiresAt = clock.GetUtcNow().AddHours(1) }));
        }

        var first = await cache.GetAsync(1, FetchAsync, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await cache.GetAsync(1, FetchAsync, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var refreshed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(1, FetchAsync, CancellationToken.None)));

        Assert.Equal("ghs_1", first.Value);
        Assert.Equal("ghs_1", stillCached.Value);
        Assert.All(refreshed, r => Assert.Equal("ghs_2", r.Value));
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task GetAsync_FetchFails_FailurePassedOnAndNotCached()
    {
        var cache = new InstallationTokenCache(TimeProvider.System);
        var fetches = 0;
        Task<GitHubResult<InstallationToken>> FailAsync(long id, CancellationToken ct)
        {
            fetches++;
            return Task.FromResult(GitHubResult.Fail<InstallationToken>(GitHubStatus.NotFound, "no installation", 404));
        }

        var first = await cache.GetAsync(9, FailAsync, CancellationToken.None);
        var second = await cache.GetAsync(9, FailAsync, CancellationToken.None);

        Assert.Equal(GitHubStatus.NotFound, first.Status);
        Assert.Equal(GitHubStatus.NotFound, second.Status);
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task Call_TokenRevoked_401ThenNewTokenAndSuccess()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));
        await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);
        host.Simulator.RevokeInstallationTokens();

        var again = await host.Client.GetPullRequestAsync(host.Call, Repo, 1, CancellationToken.None);

        Assert.True(again.IsOk, again.Describe());
        Assert.Equal(2, host.Simulator.IssuedTokenCount);
        Assert.Single(host.Simulator.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task Fetch_InstallationSuspended_PullRequestSourceSaysGone()
    {
        await using var host = await GitHubTestHost.StartAsync(TestAuth.App);
        host.Simulator.AddInstallation(GitHubTestHost.InstallationId, suspended: true, Reviews.Repository);
        host.Simulator.AddPullRequest(Reviews.PullRequest(Patches.AddedFile("src/A.cs", 3)));

        var fetched = await host.Get<GitHubPullRequestSource>().FetchAsync(Reviews.Target(installationId: GitHubTestHost.InstallationId), CancellationToken.None);

        Assert.Equal(Core.Pipeline.FetchFailure.Gone, fetched.Failure);
        Assert.Contains("suspended", fetched.Reason, StringComparison.Ordinal);
    }
}
