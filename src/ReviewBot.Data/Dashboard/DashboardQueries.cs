using Dapper;
using Microsoft.Extensions.Options;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Feedback.Labels;

namespace ReviewBot.Data.Dashboard;

/// <summary>
/// The dashboard's read-only queries over reviews, comments and the preference store. Feedback labels come from the
/// same <see cref="FeedbackLabeler"/> the dataset export uses, so the dashboard shows what training would see.
/// </summary>
public sealed class DashboardQueries(ReviewBotDatabase database, IOptions<FeedbackOptions> feedback, BotIdentity bots, TimeProvider timeProvider)
{
    private const string ReviewColumns =
        """
        SELECT id AS Id, repository AS Repository, pull_number AS PullNumber, head_sha AS HeadSha, status AS Status, reason AS Reason,
               comment_count AS CommentCount, critic AS Critic, reward_model AS RewardModel, summary AS Summary,
               created_at AS CreatedAtMs, completed_at AS CompletedAtMs
        FROM reviews
        """;

    public async Task<DashboardTotals> TotalsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<TotalsRow>(new CommandDefinition(
            """
            SELECT COUNT(*) AS Reviews,
                   COALESCE(SUM(CASE WHEN status IN ('Posted', 'AlreadyPosted', 'DryRun') THEN 1 ELSE 0 END), 0) AS Posted,
                   COALESCE(SUM(comment_count), 0) AS Comments,
                   COUNT(DISTINCT repository) AS Repositories,
                   MAX(created_at) AS LastReviewAt
            FROM reviews WHERE created_at >= @Since
            """,
            new { Since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new DashboardTotals((int)row.Reviews, (int)row.Posted, (int)row.Comments, (int)row.Repositories,
            row.LastReviewAt is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null);
    }

    public async Task<IReadOnlyList<DashboardReview>> RecentReviewsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            $"{ReviewColumns} ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToReview())];
    }

    public async Task<DashboardReview?> ReviewAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition(
            $"{ReviewColumns} WHERE id = @id", new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToReview();
    }

    /// <summary>The comments of the given reviews, in file order, with the 👍/👎 people have on them now.</summary>
    public async Task<IReadOnlyList<DashboardComment>> CommentsAsync(IReadOnlyCollection<long> reviewIds, CancellationToken cancellationToken)
    {
        if (reviewIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var comments = (await connection.QueryAsync<DashboardComment>(new CommandDefinition(
            $"""
            SELECT id AS Id, review_id AS ReviewId, github_comment_id AS GitHubCommentId, path AS Path, line AS Line, start_line AS StartLine,
                   kind AS Kind, rule_id AS RuleId, source AS Source, score AS Score, body AS Body
            FROM review_comments WHERE {In("review_id", "reviewIds")} ORDER BY review_id DESC, path, line, id
            """,
            new { reviewIds = reviewIds.ToArray() }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var githubIds = comments.Where(static c => c.GitHubCommentId is not null).Select(static c => c.GitHubCommentId!.Value).Distinct().ToArray();
        if (githubIds.Length == 0)
        {
            return comments;
        }

        var reactions = (await connection.QueryAsync<ReactionRow>(new CommandDefinition(
            $"{ReactionRow.Select} AND {In("e.github_comment_id", "githubIds")}", new { githubIds }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToList();
        var standing = Standing(reactions).ToLookup(static r => r.CommentId);
        return [.. comments.Select(c => c.GitHubCommentId is { } id
            ? c with { ThumbsUp = standing[id].Count(static r => r.Content == "+1"), ThumbsDown = standing[id].Count(static r => r.Content == "-1") }
            : c)];
    }

    /// <summary>👍/👎 on ReviewBot's comments per repository and week (by when the reaction was given), bots left out.</summary>
    public async Task<IReadOnlyList<ReactionWeek>> ReactionWeeksAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<ReactionRow>(new CommandDefinition(
            $"{ReactionRow.Select} AND e.occurred_at >= @Since", new { Since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToList();
        return [.. Standing(rows)
            .GroupBy(static r => (r.Repository, Week: WeekStart(DateTimeOffset.FromUnixTimeMilliseconds(r.OccurredAt))))
            .Select(static g => new ReactionWeek(g.Key.Repository, g.Key.Week, g.Count(static r => r.Content == "+1"), g.Count(static r => r.Content == "-1")))
            .OrderBy(static w => w.Repository, StringComparer.Ordinal)
            .ThenBy(static w => w.WeekStart)];
    }

    /// <summary>
    /// Every comment posted since <paramref name="since"/>, labelled from its feedback by the export's rules
    /// (reactions, replies, resolutions and code changes, weighted by who gave them; bots never count).
    /// </summary>
    public async Task<IReadOnlyList<LabelledComment>> LabelledCommentsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var comments = (await connection.QueryAsync<CommentRow>(new CommandDefinition(
            """
            SELECT r.repository AS Repository, r.pull_number AS PullNumber, c.github_comment_id AS CommentId, c.kind AS Kind, c.score AS Score,
                   p.state AS State, p.merged AS Merged
            FROM review_comments c
            JOIN reviews r ON r.id = c.review_id
            LEFT JOIN pull_requests p ON p.repository = r.repository AND p.number = r.pull_number
            WHERE c.github_comment_id IS NOT NULL AND c.created_at >= @Since
            ORDER BY c.id
            """,
            new { Since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .DistinctBy(static c => c.CommentId)
            .ToList();
        if (comments.Count == 0)
        {
            return [];
        }

        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"{EventRow.Select} WHERE e.occurred_at >= @Since ORDER BY e.occurred_at, e.id",
            new { Since = since.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .Select(static e => e.ToEvent())
            .ToList();
        var byComment = events.Where(static e => e.CommentId is not null).ToLookup(static e => e.CommentId!.Value);
        var fates = events.Where(static e => e.Kind is FeedbackEventKind.PullRequestMerged or FeedbackEventKind.PullRequestClosed)
            .GroupBy(static e => (e.Repository, e.PullNumber))
            .ToDictionary(static g => g.Key, static g => g.Any(static e => e.Kind == FeedbackEventKind.PullRequestMerged));
        var labeler = new FeedbackLabeler(feedback.Value, bots);
        return [.. comments.Select(c =>
        {
            var merged = c.Merged != 0 || (fates.TryGetValue((c.Repository, (int)c.PullNumber), out var m) && m);
            var closed = c.State == "closed" || fates.ContainsKey((c.Repository, (int)c.PullNumber));
            var verdict = labeler.Label(new CommentHistory(c.CommentId, [.. byComment[c.CommentId]]), new PullRequestFate(closed, merged));
            return new LabelledComment(c.Repository, c.CommentId, c.Kind, c.Score, verdict.Label);
        })];
    }

    /// <summary>Membership in an array parameter: Dapper expands <c>IN @list</c> for SQLite; PostgreSQL takes the array itself.</summary>
    private string In(string column, string parameter) =>
        database.Provider == StorageProvider.Postgres ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    /// <summary>Now, for the dashboard's time windows.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>The Monday (UTC) of <paramref name="time"/>'s week.</summary>
    public static DateOnly WeekStart(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    /// <summary>👍 and 👎 given by people and not taken back, from the feedback log.</summary>
    private IEnumerable<ReactionRow> Standing(IReadOnlyList<ReactionRow> rows)
    {
        var removed = rows.Where(static r => r.Kind == "reaction_removed").Select(static r => r.SourceId).ToHashSet();
        return rows.Where(r => r.Kind == "reaction_added" && r.Content is "+1" or "-1" && !removed.Contains(r.SourceId) && !bots.IsBot(r.Actor));
    }

    private sealed record ReactionRow
    {
        public const string Select =
            """
            SELECT e.repository AS Repository, e.github_comment_id AS CommentId, e.kind AS Kind, e.actor AS Actor, e.content AS Content,
                   e.source_id AS SourceId, e.occurred_at AS OccurredAt
            FROM feedback_events e
            WHERE e.kind IN ('reaction_added', 'reaction_removed') AND e.github_comment_id IS NOT NULL
            """;

        public string Repository { get; init; } = "";

        public long CommentId { get; init; }

        public string Kind { get; init; } = "";

        public string? Actor { get; init; }

        public string? Content { get; init; }

        public long? SourceId { get; init; }

        public long OccurredAt { get; init; }
    }

    private sealed record TotalsRow
    {
        public long Reviews { get; init; }

        public long Posted { get; init; }

        public long Comments { get; init; }

        public long Repositories { get; init; }

        public long? LastReviewAt { get; init; }
    }

    private sealed record CommentRow
    {
        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public long CommentId { get; init; }

        public string Kind { get; init; } = "";

        public double Score { get; init; }

        public string? State { get; init; }

        public long Merged { get; init; }
    }

    private sealed record ReviewRow
    {
        public long Id { get; init; }

        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public string HeadSha { get; init; } = "";

        public string Status { get; init; } = "";

        public string? Reason { get; init; }

        public long CommentCount { get; init; }

        public string? Critic { get; init; }

        public string? RewardModel { get; init; }

        public string? Summary { get; init; }

        public long CreatedAtMs { get; init; }

        public long? CompletedAtMs { get; init; }

        public DashboardReview ToReview() => new()
        {
            Id = Id,
            Repository = Repository,
            PullNumber = (int)PullNumber,
            HeadSha = HeadSha,
            Status = Status,
            Reason = Reason,
            CommentCount = (int)CommentCount,
            Critic = Critic,
            RewardModel = RewardModel,
            Summary = Summary,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            CompletedAt = CompletedAtMs is { } completed ? DateTimeOffset.FromUnixTimeMilliseconds(completed) : null,
        };
    }
}
