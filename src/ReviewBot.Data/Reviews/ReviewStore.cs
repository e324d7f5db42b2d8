using System.Data.Common;
using System.Text.Json;
using Dapper;
using ReviewBot.Core;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Storage;

namespace ReviewBot.Data.Reviews;

/// <summary>Review runs, their candidates and comments, in ReviewBot's database.</summary>
public sealed class ReviewStore(ReviewBotDatabase database, TimeProvider timeProvider) : IReviewStore
{
    private static readonly string[] CompletedStatuses =
        [nameof(ReviewRunStatus.Posted), nameof(ReviewRunStatus.AlreadyPosted), nameof(ReviewRunStatus.DryRun)];

    public async Task<bool> HasCompletedReviewAsync(ReviewTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM reviews
            WHERE repository = @Repository AND pull_number = @PullNumber AND head_sha = @HeadSha
              AND status IN (@Posted, @AlreadyPosted, @DryRun)
            """,
            new
            {
                target.Repository,
                target.PullNumber,
                target.HeadSha,
                Posted = CompletedStatuses[0],
                AlreadyPosted = CompletedStatuses[1],
                DryRun = CompletedStatuses[2],
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return count > 0;
    }

    public async Task<long> StartRunAsync(ReviewTarget target, string effectiveConfigJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO reviews (run_id, repository, pull_number, head_sha, installation_id, delivery_id, status, config_json, created_at)
            VALUES (@RunId, @Repository, @PullNumber, @HeadSha, @InstallationId, @DeliveryId, @Status, @Config, @CreatedAt)
            RETURNING id
            """,
            new
            {
                RunId = string.IsNullOrEmpty(target.RunId) ? Guid.NewGuid().ToString("N") : target.RunId,
                target.Repository,
                target.PullNumber,
                target.HeadSha,
                target.InstallationId,
                target.DeliveryId,
                Status = nameof(ReviewRunStatus.Running),
                Config = effectiveConfigJson,
                CreatedAt = Now(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task CompleteRunAsync(long runId, ReviewResult result, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(outcome);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var status = outcome.Status switch
        {
            PublishStatus.Posted => ReviewRunStatus.Posted,
            PublishStatus.AlreadyPosted => ReviewRunStatus.AlreadyPosted,
            PublishStatus.DryRun => ReviewRunStatus.DryRun,
            PublishStatus.Skipped => ReviewRunStatus.Skipped,
            _ => ReviewRunStatus.Failed,
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE reviews SET status = @Status, reason = @Reason, github_review_id = @GitHubReviewId, critic = @Critic,
                reward_model = @RewardModel, prompt_version = @PromptVersion, seed = @Seed, search_mode = @SearchMode,
                length_modifier = @LengthModifier, summary = @Summary, stats_json = @Stats, comment_count = @CommentCount,
                completed_at = @CompletedAt, app_version = @AppVersion
            WHERE id = @Id
            """,
            new
            {
                Id = runId,
                Status = status.ToString(),
                outcome.Reason,
                GitHubReviewId = outcome.ReviewId,
                result.Provenance.Critic,
                result.Provenance.RewardModel,
                result.Provenance.PromptVersion,
                result.Provenance.Seed,
                SearchMode = result.Provenance.SearchMode.ToString(),
                result.Stats.LengthModifier,
                result.Summary,
                Stats = JsonSerializer.Serialize(result.Stats, StoreJsonContext.Default.ReviewStats),
                CommentCount = result.Comments.Count,
                CompletedAt = Now(),
                AppVersion = ReviewBotVersion.Current,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await InsertCandidatesAsync(connection, transaction, runId, result, outcome, cancellationToken).ConfigureAwait(false);
        await InsertCommentsAsync(connection, transaction, runId, result, outcome, cancellationToken).ConfigureAwait(false);
        await ReviewInputs.InsertAsync(connection, transaction, runId, result.Provenance.Input, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task EndRunAsync(long runId, ReviewRunStatus status, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reviews SET status = @Status, reason = @reason, completed_at = @CompletedAt WHERE id = @runId",
            new { runId, Status = status.ToString(), reason, CompletedAt = Now() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredReview>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            $"{ReviewRow.Select} ORDER BY id DESC LIMIT @limit", new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(static r => r.ToStoredReview()).ToList();
    }

    public async Task<IReadOnlyList<StoredReview>> ListForHeadAsync(string repository, int pullNumber, string headSha, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            $"{ReviewRow.Select} WHERE repository = @repository AND pull_number = @pullNumber AND head_sha = @headSha ORDER BY id",
            new { repository, pullNumber, headSha }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(static r => r.ToStoredReview()).ToList();
    }

    public async Task<string?> FindLastReviewedHeadAsync(string repository, int pullNumber, string exceptHeadSha, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            """
            SELECT head_sha FROM reviews
            WHERE repository = @repository AND pull_number = @pullNumber AND head_sha <> @exceptHeadSha
              AND status IN (@Posted, @AlreadyPosted, @DryRun)
            ORDER BY completed_at DESC, id DESC
            LIMIT 1
            """,
            new
            {
                repository,
                pullNumber,
                exceptHeadSha,
                Posted = CompletedStatuses[0],
                AlreadyPosted = CompletedStatuses[1],
                DryRun = CompletedStatuses[2],
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task InsertCandidatesAsync(DbConnection connection, DbTransaction transaction, long runId, ReviewResult result, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var chosen = ChosenIndex(result);
        var posted = outcome.Comments.Any(static c => c.GitHubId is not null);
        var rows = result.Candidates.Select((c, i) => new
        {
            ReviewId = runId,
            Idx = i,
            c.Round,
            ParentIdx = c.Parent,
            RmScore = c.RewardScore,
            Highlights = c.Critique.Count,
            Chosen = i == chosen ? 1 : 0,
            Posted = i == chosen && posted ? 1 : 0,
            CritiqueJson = JsonSerializer.Serialize(c.Critique, StoreJsonContext.Default.Critique),
        });
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO candidates (review_id, idx, round, parent_idx, rm_score, highlights, chosen, posted, critique_json)
            VALUES (@ReviewId, @Idx, @Round, @ParentIdx, @RmScore, @Highlights, @Chosen, @Posted, @CritiqueJson)
            """,
            rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task InsertCommentsAsync(DbConnection connection, DbTransaction transaction, long runId, ReviewResult result, PublishOutcome outcome, CancellationToken cancellationToken)
    {
        var postedIds = outcome.Comments.Where(static c => c.GitHubId is not null).ToDictionary(static c => c.Fingerprint, static c => c.GitHubId, StringComparer.Ordinal);
        var now = Now();
        var rows = result.Comments.Select(c => new
        {
            ReviewId = runId,
            GitHubCommentId = postedIds.GetValueOrDefault(c.Fingerprint),
            c.Path,
            c.Line,
            c.StartLine,
            c.Side,
            c.Quote,
            c.Body,
            Kind = c.Kind.ToString(),
            c.RuleId,
            Source = c.Source.ToString(),
            c.Score,
            c.Fingerprint,
            CreatedAt = now,
            HighlightJson = c.Highlight is null ? null : JsonSerializer.Serialize(c.Highlight, StoreJsonContext.Default.Highlight),
        });
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO review_comments (review_id, github_comment_id, path, line, start_line, side, quote, body, kind, rule_id, source, score, fingerprint, created_at, highlight_json)
            VALUES (@ReviewId, @GitHubCommentId, @Path, @Line, @StartLine, @Side, @Quote, @Body, @Kind, @RuleId, @Source, @Score, @Fingerprint, @CreatedAt, @HighlightJson)
            """,
            rows, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static int ChosenIndex(ReviewResult result) =>
        Core.Ranking.ForcedSamplingBeamSearch.Choose(result.Candidates, result.Stats.LengthModifier);

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record ReviewRow
    {
        public const string Select =
            """
            SELECT id AS Id, run_id AS RunId, repository AS Repository, pull_number AS PullNumber, head_sha AS HeadSha,
                   status AS Status, reason AS Reason, github_review_id AS GitHubReviewId, summary AS Summary,
                   comment_count AS CommentCount, created_at AS CreatedAt, completed_at AS CompletedAt
            FROM reviews
            """;

        public long Id { get; init; }

        public string RunId { get; init; } = "";

        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public string HeadSha { get; init; } = "";

        public string Status { get; init; } = "";

        public string? Reason { get; init; }

        public long? GitHubReviewId { get; init; }

        public string? Summary { get; init; }

        public long CommentCount { get; init; }

        public long CreatedAt { get; init; }

        public long? CompletedAt { get; init; }

        public StoredReview ToStoredReview() => new()
        {
            Id = Id,
            RunId = RunId,
            Repository = Repository,
            PullNumber = (int)PullNumber,
            HeadSha = HeadSha,
            Status = Enum.Parse<ReviewRunStatus>(Status),
            Reason = Reason,
            GitHubReviewId = GitHubReviewId,
            Summary = Summary,
            CommentCount = (int)CommentCount,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            CompletedAt = CompletedAt is { } completed ? DateTimeOffset.FromUnixTimeMilliseconds(completed) : null,
        };
    }
}
