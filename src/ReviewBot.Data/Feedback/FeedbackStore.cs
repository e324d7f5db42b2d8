using System.Data.Common;
using Dapper;

namespace ReviewBot.Data.Feedback;

/// <summary>A pull request's state as webhooks report it.</summary>
public sealed record PullRequestState
{
    public required string Repository { get; init; }

    public required int Number { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public required string State { get; init; }

    public bool Merged { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public string? HeadSha { get; init; }

    public string? Author { get; init; }

    public long? InstallationId { get; init; }
}

/// <summary>A comment ReviewBot posted, as the webhook handlers need to recognise it.</summary>
public sealed record PostedCommentRef(long CommentId, string Repository, int PullNumber, string Body, string Quote);

/// <summary>
/// The append-only feedback log and the facts around it (installations, repositories, pull requests, users'
/// associations). Writes are idempotent: events by their natural key, everything else by upsert.
/// </summary>
public sealed class FeedbackStore(ReviewBotDatabase database, TimeProvider timeProvider)
{
    private const string InsertEvent =
        """
        INSERT INTO feedback_events (event_key, repository, pull_number, github_comment_id, kind, actor, author_association, content, source_id, head_sha, delivery_id, occurred_at, recorded_at)
        VALUES (@Key, @Repository, @PullNumber, @CommentId, @Kind, @Actor, @AuthorAssociation, @Content, @SourceId, @HeadSha, @DeliveryId, @OccurredAt, @RecordedAt)
        ON CONFLICT (event_key) DO NOTHING
        """;

    /// <summary>Stores the events not stored before; returns how many were new.</summary>
    public async Task<int> RecordAsync(IReadOnlyCollection<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = await RecordAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    internal async Task<int> RecordAsync(DbConnection connection, DbTransaction transaction, IEnumerable<FeedbackEvent> events, CancellationToken cancellationToken)
    {
        var recordedAt = Now();
        var added = 0;
        foreach (var e in events)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(InsertEvent, new
            {
                e.Key,
                e.Repository,
                PullNumber = (long)e.PullNumber,
                e.CommentId,
                Kind = FeedbackEvents.Name(e.Kind),
                e.Actor,
                e.AuthorAssociation,
                e.Content,
                e.SourceId,
                e.HeadSha,
                e.DeliveryId,
                OccurredAt = e.OccurredAt.ToUnixTimeMilliseconds(),
                RecordedAt = recordedAt,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>Every event of a pull request, oldest first.</summary>
    public async Task<IReadOnlyList<FeedbackEvent>> ListEventsAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"{EventRow.Select} WHERE e.repository = @repository AND e.pull_number = @pullNumber ORDER BY e.occurred_at, e.id",
            new { repository, pullNumber = (long)pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToEvent())];
    }

    public async Task UpsertInstallationAsync(long id, string? account, bool suspended, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO installations (id, account, suspended, updated_at) VALUES (@id, @account, @suspended, @now)
            ON CONFLICT (id) DO UPDATE SET account = COALESCE(excluded.account, installations.account), suspended = excluded.suspended, updated_at = excluded.updated_at
            """,
            new { id, account, suspended = suspended ? 1L : 0L, now = Now() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a repository (never touching its opt-out).</summary>
    public async Task UpsertRepositoryAsync(string fullName, long? githubId, long? installationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO repositories (full_name, github_id, installation_id, updated_at) VALUES (@fullName, @githubId, @installationId, @now)
            ON CONFLICT (full_name) DO UPDATE SET github_id = COALESCE(excluded.github_id, repositories.github_id),
                installation_id = COALESCE(excluded.installation_id, repositories.installation_id), updated_at = excluded.updated_at
            """,
            new { fullName, githubId, installationId, now = Now() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Opts a repository out of (or back into) training data: an opted-out repository is never exported.</summary>
    public async Task SetTrainingOptOutAsync(string fullName, bool optOut, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO repositories (full_name, training_opt_out, updated_at) VALUES (@fullName, @optOut, @now)
            ON CONFLICT (full_name) DO UPDATE SET training_opt_out = excluded.training_opt_out, updated_at = excluded.updated_at
            """,
            new { fullName, optOut = optOut ? 1L : 0L, now = Now() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Records a pull request's state; a head or author not given keeps the one known.</summary>
    public async Task UpsertPullRequestAsync(PullRequestState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pull_requests (repository, number, state, merged, closed_at, head_sha, author, installation_id, updated_at)
            VALUES (@Repository, @Number, @State, @Merged, @ClosedAt, @HeadSha, @Author, @InstallationId, @Now)
            ON CONFLICT (repository, number) DO UPDATE SET state = excluded.state, merged = excluded.merged, closed_at = excluded.closed_at,
                head_sha = COALESCE(excluded.head_sha, pull_requests.head_sha), author = COALESCE(excluded.author, pull_requests.author),
                installation_id = COALESCE(excluded.installation_id, pull_requests.installation_id), updated_at = excluded.updated_at
            """,
            new
            {
                state.Repository,
                Number = (long)state.Number,
                state.State,
                Merged = state.Merged ? 1L : 0L,
                ClosedAt = state.ClosedAt?.ToUnixTimeMilliseconds(),
                state.HeadSha,
                state.Author,
                state.InstallationId,
                Now = Now(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Remembers users' <c>author_association</c> in a repository (reactions do not carry it).</summary>
    public async Task LearnAssociationsAsync(string repository, IEnumerable<(string Login, string Association)> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        var rows = users.Where(static u => u.Login.Length > 0 && u.Association.Length > 0)
            .DistinctBy(static u => u.Login, StringComparer.OrdinalIgnoreCase)
            .Select(u => new { repository, login = u.Login.ToLowerInvariant(), association = u.Association.ToUpperInvariant(), now = Now() })
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO repository_users (repository, login, author_association, updated_at) VALUES (@repository, @login, @association, @now)
            ON CONFLICT (repository, login) DO UPDATE SET author_association = excluded.author_association, updated_at = excluded.updated_at
            """,
            rows, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The association of <paramref name="login"/> in <paramref name="repository"/>: learned before, else OWNER for
    /// the repository's owner, else null (unknown).
    /// </summary>
    public async Task<string?> FindAssociationAsync(string repository, string login, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(login);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var known = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT author_association FROM repository_users WHERE repository = @repository AND login = @login",
            new { repository, login = login.ToLowerInvariant() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return known ?? (IsOwner(repository, login) ? "OWNER" : null);
    }

    public static bool IsOwner(string repository, string login) =>
        repository.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 && string.Equals(repository[..slash], login, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when ReviewBot completed a review of the pull request (one it may have feedback on).</summary>
    public async Task<bool> HasReviewAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM reviews WHERE repository = @repository AND pull_number = @pullNumber",
            new { repository, pullNumber = (long)pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }

    /// <summary>ReviewBot's posted comment with this GitHub id, or null when it is someone else's.</summary>
    public async Task<PostedCommentRef?> FindPostedCommentAsync(long commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<PostedRow>(new CommandDefinition(
            $"{PostedRow.Select} WHERE c.github_comment_id = @commentId ORDER BY c.id LIMIT 1",
            new { commentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRef();
    }

    /// <summary>Every comment ReviewBot posted on a pull request, by GitHub id.</summary>
    public async Task<IReadOnlyList<PostedCommentRef>> ListPostedCommentsAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PostedRow>(new CommandDefinition(
            $"{PostedRow.Select} WHERE r.repository = @repository AND r.pull_number = @pullNumber AND c.github_comment_id IS NOT NULL ORDER BY c.github_comment_id, c.id",
            new { repository, pullNumber = (long)pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => r.ToRef()).DistinctBy(static r => r.CommentId)];
    }

    private long Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private sealed record PostedRow
    {
        public const string Select =
            """
            SELECT c.github_comment_id AS CommentId, r.repository AS Repository, r.pull_number AS PullNumber, c.body AS Body, c.quote AS Quote
            FROM review_comments c JOIN reviews r ON r.id = c.review_id
            """;

        public long CommentId { get; init; }

        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public string Body { get; init; } = "";

        public string Quote { get; init; } = "";

        public PostedCommentRef ToRef() => new(CommentId, Repository, (int)PullNumber, Body, Quote);
    }
}
