using Dapper;

namespace ReviewBot.Data.Feedback;

/// <summary>A pull request whose ReviewBot comments are still polled for reactions.</summary>
public sealed record PollTarget(string Repository, int PullNumber, long? InstallationId, string? HeadSha, bool Closed);

/// <summary>One of ReviewBot's comments as the poller last saw it.</summary>
public sealed record PolledComment
{
    public required long CommentId { get; init; }

    public required string Path { get; init; }

    public required string Quote { get; init; }

    /// <summary>The head the review that posted it was about.</summary>
    public required string ReviewedHeadSha { get; init; }

    /// <summary>Reaction counts as last seen (<see cref="ReactionCounts"/> format); null before the first poll.</summary>
    public string? ReactionCounts { get; init; }

    public string? ReactionsEtag { get; init; }

    /// <summary>The latest head at which the quote was looked for.</summary>
    public string? CheckedHeadSha { get; init; }

    public bool CodeChanged { get; init; }
}

/// <summary>A stored ETag; for a page of a list also the next page's link and how many items the page held.</summary>
public sealed record StoredEtag(string? ETag, string? NextUri, int? Items);

/// <summary>A reaction as stored: what is on a comment now.</summary>
public sealed record StoredReaction(long ReactionId, string Login, string Content, DateTimeOffset CreatedAt);

/// <summary>What the poller remembers between passes: targets, counts, ETags, current reactions and checked heads.</summary>
public sealed class FeedbackPollStore(ReviewBotDatabase database, FeedbackStore events, TimeProvider timeProvider)
{
    /// <summary>
    /// Pull requests with a comment posted since <paramref name="since"/> that are open, or closed after their last
    /// pass (one final pass after closing), least recently polled first.
    /// </summary>
    public async Task<IReadOnlyList<PollTarget>> ListTargetsAsync(DateTimeOffset since, string? repository, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition(
            """
            SELECT r.repository AS Repository, r.pull_number AS PullNumber, MAX(r.installation_id) AS InstallationId,
                   MAX(p.installation_id) AS PullInstallationId, MAX(p.head_sha) AS HeadSha, MAX(p.state) AS State,
                   MAX(COALESCE(p.polled_at, 0)) AS PolledAt
            FROM review_comments c
            JOIN reviews r ON r.id = c.review_id
            LEFT JOIN pull_requests p ON p.repository = r.repository AND p.number = r.pull_number
            WHERE c.github_comment_id IS NOT NULL AND c.created_at >= @since AND (@repository IS NULL OR r.repository = @repository)
              AND (p.state IS NULL OR p.state <> 'closed' OR p.polled_at IS NULL OR p.polled_at < p.closed_at)
            GROUP BY r.repository, r.pull_number
            ORDER BY MAX(COALESCE(p.polled_at, 0)), r.repository, r.pull_number
            LIMIT @limit
            """,
            new { since = since.ToUnixTimeMilliseconds(), repository, limit = (long)limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => new PollTarget(r.Repository, (int)r.PullNumber, r.PullInstallationId ?? r.InstallationId, r.HeadSha, r.State == "closed"))];
    }

    /// <summary>ReviewBot's comments on a pull request with their poll state, one per GitHub id.</summary>
    public async Task<IReadOnlyList<PolledComment>> ListCommentsAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CommentRow>(new CommandDefinition(
            """
            SELECT c.github_comment_id AS CommentId, c.path AS Path, c.quote AS Quote, r.head_sha AS ReviewedHeadSha,
                   s.reaction_counts AS ReactionCounts, s.reactions_etag AS ReactionsEtag, s.checked_head_sha AS CheckedHeadSha,
                   COALESCE(s.code_changed, 0) AS CodeChanged
            FROM review_comments c
            JOIN reviews r ON r.id = c.review_id
            LEFT JOIN comment_poll_state s ON s.github_comment_id = c.github_comment_id
            WHERE r.repository = @repository AND r.pull_number = @pullNumber AND c.github_comment_id IS NOT NULL
            ORDER BY c.github_comment_id, c.id
            """,
            new { repository, pullNumber = (long)pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.DistinctBy(static r => r.CommentId).Select(static r => new PolledComment
        {
            CommentId = r.CommentId,
            Path = r.Path,
            Quote = r.Quote,
            ReviewedHeadSha = r.ReviewedHeadSha,
            ReactionCounts = r.ReactionCounts,
            ReactionsEtag = r.ReactionsEtag,
            CheckedHeadSha = r.CheckedHeadSha,
            CodeChanged = r.CodeChanged != 0,
        })];
    }

    public async Task<IReadOnlyList<StoredReaction>> ListReactionsAsync(long commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long ReactionId, string Login, string Content, long CreatedAt)>(new CommandDefinition(
            "SELECT reaction_id, login, content, created_at FROM comment_reactions WHERE github_comment_id = @commentId ORDER BY reaction_id",
            new { commentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(static r => new StoredReaction(r.ReactionId, r.Login, r.Content, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt)))];
    }

    /// <summary>
    /// In one transaction: the comment's reactions become <paramref name="current"/>, its counts and ETag are
    /// remembered, and the events describing the difference are appended.
    /// </summary>
    public async Task SaveReactionsAsync(
        string repository, int pullNumber, long commentId, string counts, string? etag, IReadOnlyList<StoredReaction> current, IReadOnlyList<FeedbackEvent> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM comment_reactions WHERE github_comment_id = @commentId", new { commentId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO comment_reactions (reaction_id, github_comment_id, login, content, created_at) VALUES (@ReactionId, @commentId, @Login, @Content, @CreatedAt)",
            current.Select(r => new { r.ReactionId, commentId, r.Login, r.Content, CreatedAt = r.CreatedAt.ToUnixTimeMilliseconds() }),
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await UpsertStateAsync(connection, transaction, repository, pullNumber, commentId, "reaction_counts = excluded.reaction_counts, reactions_etag = excluded.reactions_etag",
            new { counts, etag, head = (string?)null, changed = 0L }, cancellationToken).ConfigureAwait(false);
        await events.RecordAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Remembers the head the comment's quote was looked for at, and appends the change event if it was gone.</summary>
    public async Task SaveCodeCheckAsync(string repository, int pullNumber, long commentId, string headSha, FeedbackEvent? changed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var assignments = changed is null
            ? "checked_head_sha = excluded.checked_head_sha"
            : "checked_head_sha = excluded.checked_head_sha, code_changed = excluded.code_changed";
        await UpsertStateAsync(connection, transaction, repository, pullNumber, commentId, assignments,
            new { counts = (string?)null, etag = (string?)null, head = headSha, changed = changed is null ? 0L : 1L }, cancellationToken).ConfigureAwait(false);
        if (changed is not null)
        {
            await events.RecordAsync(connection, transaction, [changed], cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task MarkPolledAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pull_requests (repository, number, state, updated_at, polled_at) VALUES (@repository, @pullNumber, 'open', @now, @now)
            ON CONFLICT (repository, number) DO UPDATE SET polled_at = excluded.polled_at
            """,
            new { repository, pullNumber = (long)pullNumber, now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The stored ETag of a conditional GET and, for a page of a list, the next page's link and the page's item count.</summary>
    public async Task<StoredEtag?> GetEtagAsync(string resource, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QueryFirstOrDefaultAsync<EtagRow>(new CommandDefinition(
            "SELECT etag AS ETag, next_uri AS NextUri, items AS Items FROM github_etags WHERE resource = @resource", new { resource }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new StoredEtag(row.ETag, row.NextUri, row.Items is { } items ? (int)items : null);
    }

    public async Task SetEtagAsync(string resource, StoredEtag value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO github_etags (resource, etag, next_uri, items, updated_at) VALUES (@resource, @ETag, @NextUri, @Items, @now)
            ON CONFLICT (resource) DO UPDATE SET etag = excluded.etag, next_uri = excluded.next_uri, items = excluded.items, updated_at = excluded.updated_at
            """,
            new { resource, value.ETag, value.NextUri, Items = (long?)value.Items, now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private Task<int> UpsertStateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string repository, int pullNumber, long commentId, string assignments, object values, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(values);
        parameters.AddDynamicParams(new { commentId, repository, pullNumber = (long)pullNumber, now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() });
        return connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO comment_poll_state (github_comment_id, repository, pull_number, reaction_counts, reactions_etag, checked_head_sha, code_changed, updated_at)
            VALUES (@commentId, @repository, @pullNumber, @counts, @etag, @head, @changed, @now)
            ON CONFLICT (github_comment_id) DO UPDATE SET {assignments}, updated_at = excluded.updated_at
            """,
            parameters, transaction, cancellationToken: cancellationToken));
    }

    private sealed record EtagRow
    {
        public string? ETag { get; init; }

        public string? NextUri { get; init; }

        public long? Items { get; init; }
    }

    private sealed record TargetRow
    {
        public string Repository { get; init; } = "";

        public long PullNumber { get; init; }

        public long? InstallationId { get; init; }

        public long? PullInstallationId { get; init; }

        public string? HeadSha { get; init; }

        public string? State { get; init; }

        public long PolledAt { get; init; }
    }

    private sealed record CommentRow
    {
        public long CommentId { get; init; }

        public string Path { get; init; } = "";

        public string Quote { get; init; } = "";

        public string ReviewedHeadSha { get; init; } = "";

        public string? ReactionCounts { get; init; }

        public string? ReactionsEtag { get; init; }

        public string? CheckedHeadSha { get; init; }

        public long CodeChanged { get; init; }
    }
}
