using System.Globalization;
using System.Text.Json;
using Dapper;
using ReviewBot.Cli.Eval;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Data.Feedback;

namespace ReviewBot.Tests.Dashboard;

/// <summary>What <see cref="DashboardSeed"/> put in, so a test knows what the pages must show.</summary>
internal sealed record SeededDashboard(
    int Reviews,
    IReadOnlyDictionary<string, int> ReactionWeeksByRepository,
    IReadOnlyList<string> KindsWithLabels,
    int LabelledComments,
    int Lambdas,
    int QueuedReviews);

/// <summary>
/// Fills a fresh ReviewBot database the way a few weeks of use would: reviews with comments in three repositories,
/// 👍/👎 and replies from people (and a bot, which must not count), closed pull requests, an evaluation report with a
/// λ sweep, and review jobs waiting in the queue.
/// </summary>
internal static class DashboardSeed
{
    public static readonly string[] Repositories = ["acme/payments", "acme/web", "octo/tools"];

    private static long _reactionIds = 7_000_000;

    private static readonly FindingKind[] Kinds = [FindingKind.Bug, FindingKind.Security, FindingKind.Performance, FindingKind.Maintainability, FindingKind.Style];

    public static async Task<SeededDashboard> SeedAsync(IServiceProvider services, string evaluationDirectory, DateTimeOffset now)
    {
        var store = services.GetRequiredService<IReviewStore>();
        var database = services.GetRequiredService<ReviewBotDatabase>();
        var feedback = services.GetRequiredService<FeedbackStore>();
        var random = new Random(7);
        var events = new List<FeedbackEvent>();
        var reactionWeeks = new Dictionary<string, HashSet<DateOnly>>();
        var labelledKinds = new HashSet<FindingKind>();
        var labelled = 0;
        var githubId = 50_000L;
        var reviews = 0;
        for (var pr = 1; pr <= 12; pr++)
        {
            var repository = Repositories[pr % Repositories.Length];
            var created = now.AddDays(-(6 * 7) + (pr * 3.3));
            var target = new ReviewTarget { Repository = repository, PullNumber = pr, HeadSha = Sha(pr), RunId = $"seed-{pr}" };
            var runId = await store.StartRunAsync(target, "{}", CancellationToken.None);
            var comments = Enumerable.Range(0, 1 + (pr % 3)).Select(i => Comment(pr, i, Kinds[(pr + i) % Kinds.Length], 0.2 + (random.NextDouble() * 0.7))).ToList();
            if (pr == 12)
            {
                await store.EndRunAsync(runId, ReviewRunStatus.Failed, "will retry: the model answered none of 3 request(s) usably", CancellationToken.None);
            }
            else
            {
                var posted = comments.Select(c => new PostedComment(++githubId, c.Path, c.Line, c.StartLine, c.Fingerprint, c.Body)).ToList();
                await store.CompleteRunAsync(runId, Result(comments), new PublishOutcome { Status = pr % 4 == 0 ? PublishStatus.DryRun : PublishStatus.Posted, ReviewId = 9000 + pr, Comments = posted }, CancellationToken.None);
                foreach (var (comment, post) in comments.Zip(posted))
                {
                    var reactedAt = created.AddDays(1 + random.NextDouble() * 3);
                    var up = random.NextDouble() < 0.65;
                    events.Add(Reaction(repository, pr, post.GitHubId!.Value, up ? "+1" : "-1", "maintainer", reactedAt));
                    events.Add(Reaction(repository, pr, post.GitHubId.Value, "-1", "noisy[bot]", reactedAt));
                    reactionWeeks.TryAdd(repository, []);
                    reactionWeeks[repository].Add(Data.Dashboard.DashboardQueries.WeekStart(reactedAt));
                    labelledKinds.Add(comment.Kind);
                    labelled++;
                }
            }

            await using var connection = await database.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                "UPDATE reviews SET created_at = @At, completed_at = @At WHERE id = @runId; UPDATE review_comments SET created_at = @At WHERE review_id = @runId",
                new { runId, At = created.ToUnixTimeMilliseconds() });
            reviews++;
        }

        await feedback.RecordAsync(events, CancellationToken.None);
        var lambdas = await WriteEvaluationAsync(evaluationDirectory);
        var queue = services.GetRequiredService<IReviewQueue>();
        for (var pr = 20; pr < 23; pr++)
        {
            await queue.EnqueueAsync(new ReviewTarget { Repository = Repositories[0], PullNumber = pr, HeadSha = Sha(pr) }, CancellationToken.None);
        }

        await queue.EnqueueAsync(new ReviewTarget { Repository = Repositories[1], PullNumber = 7, HeadSha = Sha(7), Rerun = "41" }, CancellationToken.None);
        await services.GetRequiredService<ReviewBot.Commands.CommandQueue>().EnqueueAsync(41, CancellationToken.None);

        return new SeededDashboard(
            reviews,
            reactionWeeks.ToDictionary(static p => p.Key, static p => p.Value.Count),
            [.. Kinds.Where(labelledKinds.Contains).Select(static k => k.ToString().ToLowerInvariant())],
            labelled,
            lambdas,
            4);
    }

    private static ReviewComment Comment(int pr, int index, FindingKind kind, double score)
    {
        var path = $"src/Module{pr}/File{index}.cs";
        return new ReviewComment
        {
            Path = path,
            Line = 10 + (index * 7),
            StartLine = index == 1 ? 8 : null,
            Quote = "var total = items.Sum(x => x.Price);",
            Body = $"**Possible {kind.ToString().ToLowerInvariant()}**: `items` may be null here <script>alert(1)</script> and the sum then throws.",
            Kind = kind,
            Score = Math.Round(score, 3),
            RuleId = index == 0 ? "RB0007" : null,
            Source = index == 0 ? HighlightSource.Offline : HighlightSource.Llm,
            Fingerprint = $"fp{pr}x{index}",
        };
    }

    private static ReviewResult Result(List<ReviewComment> comments) => new()
    {
        Comments = comments,
        Summary = $"ReviewBot looked at {comments.Count} files (+40 -3). {comments.Count} findings worth a look.",
        Stats = new ReviewStats { Files = comments.Count, Candidates = 12, Rounds = 4, SamplesPerRound = 4, BeamWidth = 2 },
        Provenance = new ReviewProvenance { Critic = "llm:test-model:chat", RewardModel = "onnx:3f2a9c", PromptVersion = "critic-v1", Seed = 0, SearchMode = SearchMode.Fsbs },
    };

    private static FeedbackEvent Reaction(string repository, int pr, long commentId, string content, string actor, DateTimeOffset at) => new()
    {
        Key = $"reaction:{commentId}:{actor}:{content}",
        Repository = repository,
        PullNumber = pr,
        CommentId = commentId,
        Kind = FeedbackEventKind.ReactionAdded,
        Actor = actor,
        AuthorAssociation = actor.EndsWith("[bot]", StringComparison.Ordinal) ? "NONE" : "MEMBER",
        Content = content,
        SourceId = Interlocked.Increment(ref _reactionIds),
        OccurredAt = at,
    };

    private static async Task<int> WriteEvaluationAsync(string directory)
    {
        double[] lambdas = [-1, -0.5, 0, 0.5, 1, 2];
        var sweep = lambdas.SelectMany(l => new[]
        {
            new SweepRow("fsbs", string.Create(CultureInfo.InvariantCulture, $"λ={l}"), l, null, Summary(0.45 + (l * 0.12), 0.1 + (l * 0.07) + 0.1)),
            new SweepRow("best-of-n", string.Create(CultureInfo.InvariantCulture, $"λ={l}"), l, null, Summary(0.38 + (l * 0.1), 0.14 + (l * 0.08) + 0.1)),
        }).Append(new SweepRow("fsbs", "p=50", 0, 50, Summary(0.5, 0.22))).ToList();
        var report = new EvalReport
        {
            Source = "samples/inventory",
            Seed = 0,
            Critic = "offline",
            RewardModel = "heuristic-v1",
            Setting = "fsbs λ=0",
            Generation = new GenerationInfo(14, 40, 10, 3, new Dictionary<string, int> { ["off-by-one"] = 12, ["null-check"] = 9 }),
            Overall = Summary(0.45, 0.2),
            ByKind = [new KindRow("off-by-one", Summary(0.6, 0.1)), new KindRow("null-check", Summary(0.4, 0.25)), new KindRow("swapped-args", Summary(0.3, 0.3))],
            Sweep = sweep,
            RewardModelPairs = new PairAccuracy(80, 0.74),
            Timing = new TimingInfo(1200, 34000, 35200, 60000, 50, 650, 2, 680),
            Cases = [],
        };
        var folder = Path.Combine(directory, "2026-11-20-tamper");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, EvalJsonContext.Default.EvalReport));
        return lambdas.Length;
    }

    private static EvalSummary Summary(double cbi, double hallucination) => new()
    {
        Reviews = 50,
        Tampers = 40,
        Controls = 10,
        Cbi = Math.Clamp(cbi, 0, 1),
        CandidateCbi = Math.Clamp(cbi + 0.2, 0, 1),
        HallucinationRate = Math.Clamp(hallucination, 0, 1),
        TamperHallucinationRate = Math.Clamp(hallucination, 0, 1),
        ControlHallucinationRate = Math.Clamp(hallucination / 2, 0, 1),
        SilenceRate = 0.7,
        CommentsPerReview = 1.4,
    };

    private static string Sha(int pr) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(pr)))[..40];
}
