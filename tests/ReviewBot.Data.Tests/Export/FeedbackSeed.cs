using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Security;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Migrations;
using ReviewBot.Data.Reviews;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Export;

/// <summary>A migrated database with reviews stored the way the review job stores them, and feedback on their comments.</summary>
internal sealed class FeedbackSeed : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private FeedbackSeed(TestDatabase test, ReviewBotDatabase database, FakeTime time)
    {
        Test = test;
        Database = database;
        Time = time;
        Reviews = new ReviewStore(database, time);
        Events = new FeedbackStore(database, time);
        Poll = new FeedbackPollStore(database, Events, time);
    }

    public TestDatabase Test { get; }

    public ReviewBotDatabase Database { get; }

    public FakeTime Time { get; }

    public ReviewStore Reviews { get; }

    public FeedbackStore Events { get; }

    public FeedbackPollStore Poll { get; }

    /// <summary>A token-shaped value built at run time, so no secret-like literal sits in the repository.</summary>
    public static string PlantedToken { get; } = "ghp_" + string.Concat(Enumerable.Range(0, 36).Select(static i => (char)('a' + ((i * 7) % 26))));

    public static async Task<FeedbackSeed> CreateAsync(StorageProvider provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var database = new ReviewBotDatabase(Options.Create(test.Options));
        var time = new FakeTime(T0);
        await new MigrationRunner(database, time).MigrateAsync(CancellationToken.None);
        return new FeedbackSeed(test, database, time);
    }

    /// <summary>
    /// A review of <paramref name="repository"/>#<paramref name="number"/> whose comments (one per line of the diff's
    /// added lines, in order) were posted with the given GitHub ids.
    /// </summary>
    public async Task<long> AddReviewAsync(string repository, int number, params long[] commentIds)
    {
        var diff = UnifiedDiffParser.Parse(Patch(commentIds.Length)).GetDiffOrThrow();
        var context = new ChangeContext
        {
            Diff = diff,
            PullRequest = new PullRequestInfo { Repository = repository, Number = number, HeadSha = "h" + number, Title = "Totals", Body = $"Uses {PlantedToken} for now." },
        };
        var highlights = Enumerable.Range(0, commentIds.Length).Select(i => new Highlight
        {
            Path = "src/Totals.cs",
            StartLine = i + 1,
            EndLine = i + 1,
            Quote = i == 0 ? $"var token = \"{PlantedToken}\";" : $"var x{i} = items[{i}] / count;",
            Comment = i == 0 ? "A GitHub token is committed here." : $"Division by zero when count is 0 (item {i}).",
            Kind = i == 0 ? FindingKind.Security : FindingKind.Bug,
            RuleId = i == 0 ? "RB1002" : null,
        }).ToList();
        var comments = highlights.Select(h => new ReviewComment
        {
            Path = h.Path,
            Line = h.EndLine,
            Quote = h.Quote,
            Body = CommentFormatter.Format(h),
            Kind = h.Kind,
            Score = 0.5,
            RuleId = h.RuleId,
            Fingerprint = CommentFingerprint.Compute(h),
            Highlight = h,
        }).ToList();
        var result = new ReviewResult
        {
            Comments = comments,
            Summary = "summary",
            Stats = new ReviewStats(),
            Provenance = new ReviewProvenance
            {
                Critic = "offline",
                RewardModel = "heuristic:v1",
                Seed = 7,
                SearchMode = SearchMode.Fsbs,
                Input = CriticInput.Capture(ChangeRedactor.Redact(context).Context, [], 24_000),
            },
            Candidates = [new ScoredCandidate(new Critique { Highlights = [.. highlights] }, 1.0, 1, null)],
        };
        var target = new ReviewTarget { Repository = repository, PullNumber = number, HeadSha = "h" + number, RunId = $"run-{repository}-{number}" };
        var runId = await Reviews.StartRunAsync(target, "{}", CancellationToken.None);
        var outcome = new PublishOutcome
        {
            Status = PublishStatus.Posted,
            ReviewId = 1,
            Comments = [.. comments.Select((c, i) => new PostedComment(commentIds[i], c.Path, c.Line, null, c.Fingerprint, c.Body))],
        };
        await Reviews.CompleteRunAsync(runId, result, outcome, CancellationToken.None);
        return runId;
    }

    public Task<int> RecordAsync(params FeedbackEvent[] events) => Events.RecordAsync(events, CancellationToken.None);

    public static FeedbackEvent Reaction(string repository, int number, long commentId, long reactionId, string content, string user, string? association, int minute = 0) => new()
    {
        Key = FeedbackEvents.ReactionAdded(reactionId),
        Repository = repository,
        PullNumber = number,
        CommentId = commentId,
        Kind = FeedbackEventKind.ReactionAdded,
        Actor = user,
        AuthorAssociation = association,
        Content = content,
        SourceId = reactionId,
        OccurredAt = T0.AddMinutes(minute),
    };

    public static FeedbackEvent Closed(string repository, int number, bool merged) => new()
    {
        Key = FeedbackEvents.PullRequestClosed(repository, number, merged, T0.AddDays(1)),
        Repository = repository,
        PullNumber = number,
        Kind = merged ? FeedbackEventKind.PullRequestMerged : FeedbackEventKind.PullRequestClosed,
        OccurredAt = T0.AddDays(1),
    };

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await Test.DisposeAsync();
    }

    private static string Patch(int lines)
    {
        var added = Enumerable.Range(0, Math.Max(1, lines)).Select(i => i == 0 ? $"+var token = \"{PlantedToken}\";" : $"+var x{i} = items[{i}] / count;").ToList();
        return $"diff --git a/src/Totals.cs b/src/Totals.cs\nnew file mode 100644\n--- /dev/null\n+++ b/src/Totals.cs\n@@ -0,0 +1,{added.Count} @@\n{string.Join('\n', added)}\n";
    }
}

/// <summary>A clock tests move by hand.</summary>
internal sealed class FakeTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
