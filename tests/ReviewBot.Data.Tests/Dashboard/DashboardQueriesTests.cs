using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Data.Dashboard;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Feedback.Labels;
using ReviewBot.Data.Reviews;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Dashboard;

public sealed class DashboardQueriesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Queries_OneReviewWithFeedback_CountPeopleOnlyAndLabelLikeTheExport(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var reviews = new ReviewStore(database, TimeProvider.System);
        var feedback = new FeedbackStore(database, TimeProvider.System);
        var queries = new DashboardQueries(database, Options.Create(new FeedbackOptions()), new BotIdentity("reviewbot[bot]"), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var runId = await reviews.StartRunAsync(new ReviewTarget { Repository = "octo/repo", PullNumber = 3, HeadSha = new string('c', 40), RunId = "r1" }, "{}", CancellationToken.None);
        await reviews.CompleteRunAsync(runId, Result(Comment("a", FindingKind.Bug, 0.9), Comment("b", FindingKind.Style, 0.2)), new PublishOutcome
        {
            Status = PublishStatus.Posted,
            Comments = [new PostedComment(101, "src/a.cs", 10, null, "a", "x"), new PostedComment(102, "src/b.cs", 10, null, "b", "y")],
        }, CancellationToken.None);
        await feedback.RecordAsync(
        [
            Reaction(101, "+1", "alice", 1, now.AddDays(-1)),
            Reaction(101, "-1", "reviewbot[bot]", 2, now.AddDays(-1)),
            Reaction(102, "-1", "bob", 3, now.AddDays(-2)),
            Reaction(102, "+1", "carol", 4, now.AddDays(-2)),
            Reaction(102, "+1", "carol", 4, now.AddDays(-1), FeedbackEventKind.ReactionRemoved),
        ], CancellationToken.None);

        var totals = await queries.TotalsAsync(now.AddDays(-7), CancellationToken.None);
        var weeks = await queries.ReactionWeeksAsync(now.AddDays(-7), CancellationToken.None);
        var comments = await queries.CommentsAsync([runId], CancellationToken.None);
        var labelled = await queries.LabelledCommentsAsync(now.AddDays(-7), CancellationToken.None);

        Assert.Equal((1, 1, 2, 1), (totals.Reviews, totals.Posted, totals.Comments, totals.Repositories));
        Assert.Equal((1, 1), (weeks.Sum(static w => w.Up), weeks.Sum(static w => w.Down)));
        Assert.All(weeks, static w => Assert.Equal("octo/repo", w.Repository));
        Assert.Equal([(1, 0), (0, 1)], comments.OrderBy(static c => c.Path).Select(static c => (c.ThumbsUp, c.ThumbsDown)));
        Assert.Equal([("Bug", FeedbackLabel.Positive), ("Style", FeedbackLabel.Negative)], labelled.OrderBy(static c => c.CommentId).Select(static c => (c.Kind, c.Label)));
        Assert.Equal("octo/repo", (await queries.ReviewAsync(runId, CancellationToken.None))!.Repository);
        Assert.Single(await queries.RecentReviewsAsync(10, CancellationToken.None));
    }

    [Fact]
    public void WeekStart_AnyDay_IsThatWeeksMonday()
    {
        Assert.Equal(new DateOnly(2026, 11, 16), DashboardQueries.WeekStart(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 16), DashboardQueries.WeekStart(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 16), DashboardQueries.WeekStart(new DateTimeOffset(2026, 11, 22, 23, 59, 0, TimeSpan.Zero)));
    }

    private static ReviewComment Comment(string fingerprint, FindingKind kind, double score) => new()
    {
        Path = $"src/{fingerprint}.cs",
        Line = 10,
        Quote = "x",
        Body = "y",
        Kind = kind,
        Score = score,
        Fingerprint = fingerprint,
    };

    private static ReviewResult Result(params ReviewComment[] comments) => new()
    {
        Comments = comments,
        Summary = "s",
        Stats = new ReviewStats(),
        Provenance = new ReviewProvenance { Critic = "offline", RewardModel = "heuristic-v1", Seed = 0, SearchMode = SearchMode.Fsbs },
    };

    private static FeedbackEvent Reaction(long comment, string content, string actor, long source, DateTimeOffset at, FeedbackEventKind kind = FeedbackEventKind.ReactionAdded) => new()
    {
        Key = $"{kind}:{source}",
        Repository = "octo/repo",
        PullNumber = 3,
        CommentId = comment,
        Kind = kind,
        Actor = actor,
        AuthorAssociation = "MEMBER",
        Content = content,
        SourceId = source,
        OccurredAt = at,
    };
}
