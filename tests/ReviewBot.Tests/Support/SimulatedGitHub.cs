using ReviewBot.Simulators.GitHub;

namespace ReviewBot.Tests.Support;

/// <summary>The GitHub simulator seeded with <see cref="PullRequestFixture"/>, and the settings that point a host at it.</summary>
internal static class SimulatedGitHub
{
    public const string Token = "simulated-personal-token";

    public static async Task<GitHubSimulator> StartAsync()
    {
        var github = new GitHubSimulator();
        await github.StartAsync();
        github.AddPersonalToken(Token, "reviewbot-user");
        PullRequestFixture.Seed(github);
        return github;
    }

    /// <summary>Short delays everywhere, so retries happen within a test's time.</summary>
    public static Dictionary<string, string?> Settings(GitHubSimulator github) => new()
    {
        ["GitHub:ApiBaseUrl"] = github.BaseAddress.ToString(),
        ["GitHub:Token"] = Token,
        ["GitHub:MinWriteInterval"] = "00:00:00.010",
        ["GitHub:RetryBaseDelay"] = "00:00:00.050",
        ["GitHub:RequestTimeout"] = "00:00:30",
        ["Jobs:RetryDelay"] = "00:00:00.200",
        ["Jobs:MaxRetryDelay"] = "00:00:01",
    };
}
