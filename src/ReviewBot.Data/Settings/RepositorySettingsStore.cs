using Dapper;

namespace ReviewBot.Data.Settings;

/// <summary>A repository's settings as its last review job read them.</summary>
public sealed record StoredRepositorySettings(string Repository, bool? ReviewDrafts, bool TrainingOptOut, string ConfigJson, DateTimeOffset UpdatedAt);

/// <summary>
/// Each repository's effective settings, saved by every review job. The webhook intake reads them (it never calls
/// GitHub), and the dataset export reads <c>training_opt_out</c>: a repository that opts out keeps all of its reviews,
/// past ones included, out of exported data.
/// </summary>
public sealed class RepositorySettingsStore(ReviewBotDatabase database, TimeProvider timeProvider)
{
    public async Task SaveAsync(string repository, bool? reviewDrafts, bool trainingOptOut, string configJson, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO repository_settings (repository, review_drafts, training_opt_out, config_json, updated_at)
            VALUES (@repository, @Drafts, @OptOut, @configJson, @UpdatedAt)
            ON CONFLICT (repository) DO UPDATE SET review_drafts = excluded.review_drafts, training_opt_out = excluded.training_opt_out,
                config_json = excluded.config_json, updated_at = excluded.updated_at
            """,
            new
            {
                repository,
                Drafts = reviewDrafts is { } drafts ? (long?)(drafts ? 1 : 0) : null,
                OptOut = trainingOptOut ? 1L : 0L,
                configJson,
                UpdatedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<StoredRepositorySettings?> GetAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT repository AS Repository, review_drafts AS ReviewDrafts, training_opt_out AS TrainingOptOut,
                   config_json AS ConfigJson, updated_at AS UpdatedAt
            FROM repository_settings WHERE repository = @repository
            """,
            new { repository }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new StoredRepositorySettings(
            row.Repository, row.ReviewDrafts is { } d ? d != 0 : null, row.TrainingOptOut != 0, row.ConfigJson, DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));
    }

    /// <summary>The repositories whose settings opt out of training data.</summary>
    public async Task<IReadOnlySet<string>> ListTrainingOptOutsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT repository FROM repository_settings WHERE training_opt_out <> 0", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private sealed record Row
    {
        public string Repository { get; init; } = "";

        public long? ReviewDrafts { get; init; }

        public long TrainingOptOut { get; init; }

        public string ConfigJson { get; init; } = "";

        public long UpdatedAt { get; init; }
    }
}
