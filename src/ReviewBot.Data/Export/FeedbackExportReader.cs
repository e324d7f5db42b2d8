using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ReviewBot.Core.Critiques;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Feedback.Labels;
using ReviewBot.Data.Reviews;

namespace ReviewBot.Data.Export;

/// <summary>A posted comment as the export reads it, with the provenance of the review that posted it.</summary>
public sealed record ExportComment
{
    public required long ReviewId { get; init; }

    public required string RunId { get; init; }

    public string? PromptVersion { get; init; }

    public string? RewardModel { get; init; }

    public string? Critic { get; init; }

    public string? AppVersion { get; init; }

    public required long CommentId { get; init; }

    public required Highlight Highlight { get; init; }
}

/// <summary>Everything the export needs about one pull request: its fate, ReviewBot's comments and their feedback.</summary>
public sealed record PullRequestGroup(string Repository, int Number, PullRequestFate Fate, IReadOnlyList<ExportComment> Comments, IReadOnlyList<FeedbackEvent> Events);

/// <summary>
/// Streams pull requests in (repository, number) order with two forward-only readers, comments and events,
/// merged on the key, so only one pull request is in memory at a time whatever the size of the tables.
/// Opted-out repositories are left out in SQL.
/// </summary>
public sealed class FeedbackExportReader(ReviewBotDatabase database)
{
    private string Collate => database.Provider == StorageProvider.Postgres ? " COLLATE \"C\"" : "";

    private const string CommentFilter =
        """
        FROM review_comments c
        JOIN reviews r ON r.id = c.review_id
        LEFT JOIN pull_requests p ON p.repository = r.repository AND p.number = r.pull_number
        LEFT JOIN repositories o ON o.full_name = r.repository
        WHERE c.github_comment_id IS NOT NULL AND COALESCE(o.training_opt_out, 0) = 0
          AND c.created_at >= @since AND (@repository IS NULL OR r.repository = @repository)
        """;

    public async Task<long> CountPullRequestsAsync(DateTimeOffset? since, string? repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT COUNT(*) FROM (SELECT DISTINCT r.repository, r.pull_number {CommentFilter}) AS prs", since, repository);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<PullRequestGroup> ReadAsync(DateTimeOffset? since, string? repository, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var commentsConnection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var eventsConnection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var comments = Command(commentsConnection,
            $"""
            SELECT r.repository, r.pull_number, r.id, r.run_id, r.prompt_version, r.reward_model, r.critic, r.app_version,
                   c.github_comment_id, c.highlight_json, c.path, c.line, c.start_line, c.quote, c.body, c.kind, c.rule_id, c.source,
                   p.state, p.merged
            {CommentFilter}
            ORDER BY r.repository{Collate}, r.pull_number, r.id, c.github_comment_id, c.id
            """, since, repository);
        await using var events = Command(eventsConnection,
            $"""
            {EventRow.Select}
            LEFT JOIN repositories o ON o.full_name = e.repository
            WHERE COALESCE(o.training_opt_out, 0) = 0 AND (@repository IS NULL OR e.repository = @repository)
            ORDER BY e.repository{Collate}, e.pull_number, e.occurred_at, e.id
            """, since, repository);
        await using var commentRows = await comments.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var eventRows = await events.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var eventCursor = new EventCursor(eventRows);
        var hasComment = await commentRows.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (hasComment)
        {
            var (repo, number) = (commentRows.GetString(0), (int)commentRows.GetInt64(1));
            var fate = new PullRequestFate(Closed: !commentRows.IsDBNull(18) && commentRows.GetString(18) == "closed", Merged: !commentRows.IsDBNull(19) && commentRows.GetInt64(19) != 0);
            var group = new List<ExportComment>();
            var seen = new HashSet<long>();
            do
            {
                var comment = ReadComment(commentRows);
                if (seen.Add(comment.CommentId))
                {
                    group.Add(comment);
                }

                hasComment = await commentRows.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            while (hasComment && commentRows.GetString(0) == repo && (int)commentRows.GetInt64(1) == number);

            var groupEvents = await eventCursor.TakeAsync(repo, number, cancellationToken).ConfigureAwait(false);
            if (groupEvents.Any(static e => e.Kind is FeedbackEventKind.PullRequestMerged or FeedbackEventKind.PullRequestClosed) && !fate.Closed)
            {
                fate = new PullRequestFate(Closed: true, Merged: groupEvents.Any(static e => e.Kind == FeedbackEventKind.PullRequestMerged));
            }

            yield return new PullRequestGroup(repo, number, fate, group, groupEvents);
        }
    }

    private static ExportComment ReadComment(DbDataReader row)
    {
        var highlightJson = row.IsDBNull(9) ? null : row.GetString(9);
        var highlight = highlightJson is null ? null : JsonSerializer.Deserialize(highlightJson, StoreJsonContext.Default.Highlight);
        var line = (int)row.GetInt64(11);
        highlight ??= new Highlight
        {
            // Rows stored before highlights were kept: the posted body stands in for the critic's comment.
            Path = row.GetString(10),
            StartLine = row.IsDBNull(12) ? line : (int)row.GetInt64(12),
            EndLine = line,
            Quote = row.GetString(13),
            Comment = row.GetString(14),
            Kind = Enum.TryParse<FindingKind>(row.GetString(15), out var kind) ? kind : FindingKind.Bug,
            RuleId = row.IsDBNull(16) ? null : row.GetString(16),
            Source = Enum.TryParse<HighlightSource>(row.GetString(17), out var source) ? source : HighlightSource.Offline,
        };
        return new ExportComment
        {
            ReviewId = row.GetInt64(2),
            RunId = row.GetString(3),
            PromptVersion = row.IsDBNull(4) ? null : row.GetString(4),
            RewardModel = row.IsDBNull(5) ? null : row.GetString(5),
            Critic = row.IsDBNull(6) ? null : row.GetString(6),
            AppVersion = row.IsDBNull(7) ? null : row.GetString(7),
            CommentId = row.GetInt64(8),
            Highlight = highlight,
        };
    }

    private static DbCommand Command(DbConnection connection, string sql, DateTimeOffset? since, string? repository)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "since", since?.ToUnixTimeMilliseconds() ?? 0L);
        Add(command, "repository", (object?)repository ?? DBNull.Value);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameter.DbType = value is long ? System.Data.DbType.Int64 : System.Data.DbType.String;
        command.Parameters.Add(parameter);
    }

    /// <summary>The events reader, positioned on the first row not yet taken.</summary>
    private sealed class EventCursor(DbDataReader reader)
    {
        private bool _started;
        private bool _has;

        public async Task<IReadOnlyList<FeedbackEvent>> TakeAsync(string repository, int number, CancellationToken cancellationToken)
        {
            if (!_started)
            {
                _started = true;
                _has = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            var taken = new List<FeedbackEvent>();
            while (_has)
            {
                var order = Compare(reader.GetString(2), (int)reader.GetInt64(3), repository, number);
                if (order > 0)
                {
                    break;
                }

                if (order == 0)
                {
                    taken.Add(Read(reader));
                }

                _has = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            return taken;
        }

        private static int Compare(string repository, int number, string otherRepository, int otherNumber)
        {
            var byName = string.CompareOrdinal(repository, otherRepository);
            return byName != 0 ? byName : number.CompareTo(otherNumber);
        }

        private static FeedbackEvent Read(DbDataReader row) => new EventRow
        {
            Id = row.GetInt64(0),
            EventKey = row.GetString(1),
            Repository = row.GetString(2),
            PullNumber = row.GetInt64(3),
            CommentId = row.IsDBNull(4) ? null : row.GetInt64(4),
            Kind = row.GetString(5),
            Actor = row.IsDBNull(6) ? null : row.GetString(6),
            AuthorAssociation = row.IsDBNull(7) ? null : row.GetString(7),
            Content = row.IsDBNull(8) ? null : row.GetString(8),
            SourceId = row.IsDBNull(9) ? null : row.GetInt64(9),
            HeadSha = row.IsDBNull(10) ? null : row.GetString(10),
            DeliveryId = row.IsDBNull(11) ? null : row.GetString(11),
            OccurredAt = row.GetInt64(12),
        }.ToEvent();
    }
}
