using System.Text.Json.Nodes;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The pull request of GitHub's recorded <c>pull_request.opened</c> delivery (Codertocat/Hello-World#2), served by
/// the GitHub simulator with the shipped sample patch as its change.
/// </summary>
internal static class PullRequestFixture
{
    public const string Repository = "Codertocat/Hello-World";
    public const int Number = 2;
    public const string HeadSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    public static byte[] OpenedDelivery() => File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("pull_request", "opened.payload.json")));

    /// <summary>The recorded delivery with another head SHA, as a later push would send it.</summary>
    public static byte[] SynchronizeDelivery(string headSha)
    {
        var payload = JsonNode.Parse(File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine("pull_request", "synchronize.payload.json"))))!;
        payload["pull_request"]!["head"]!["sha"] = headSha;
        return System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    public static void Seed(GitHubSimulator simulator, string? headSha = null) => simulator.AddPullRequest(new SimulatedPullRequest
    {
        Repository = Repository,
        Number = Number,
        HeadSha = headSha ?? HeadSha,
        Patch = File.ReadAllText(RepositoryPaths.SamplePatch),
        Title = "Reserve stock, export, catalogue",
    });
}
