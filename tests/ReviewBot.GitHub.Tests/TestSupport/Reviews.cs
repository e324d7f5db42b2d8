using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Simulators.GitHub;

namespace ReviewBot.GitHub.Tests.TestSupport;

/// <summary>Reviews and review targets for publisher tests.</summary>
internal static class Reviews
{
    public const string Repository = "octo-org/demo";
    public const string HeadSha = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string BaseSha = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    public static ReviewComment Comment(string path, int line, string quote, int? startLine = null, FindingKind kind = FindingKind.Bug, string? body = null) => new()
    {
        Path = path,
        Line = line,
        StartLine = startLine,
        Quote = quote,
        Body = body ?? $"**Possible bug**: look at `{quote.Trim()}`.",
        Kind = kind,
        Score = 0.9,
        Fingerprint = CommentFingerprint.Compute(path, quote, kind),
    };

    public static ReviewResult Result(params ReviewComment[] comments) => new()
    {
        Comments = comments,
        Summary = $"ReviewBot looked at the change. {comments.Length} finding(s) worth a look.",
        Stats = new ReviewStats(),
        Provenance = new ReviewProvenance { Critic = "test", RewardModel = "test", Seed = 0, SearchMode = SearchMode.Fsbs },
    };

    public static ReviewTarget Target(string headSha = HeadSha, long? installationId = null, string runId = "run-1", int number = 1) => new()
    {
        Repository = Repository,
        PullNumber = number,
        HeadSha = headSha,
        InstallationId = installationId,
        DeliveryId = "delivery-1",
        RunId = runId,
    };

    public static SimulatedPullRequest PullRequest(string patch, string headSha = HeadSha, int number = 1) => new()
    {
        Repository = Repository,
        Number = number,
        Patch = patch,
        HeadSha = headSha,
        BaseSha = BaseSha,
    };
}
