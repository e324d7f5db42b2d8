using Dapper;

namespace ReviewBot.Data.Commands;

/// <summary>Per pull request state that commands set: whether reviews on push are paused.</summary>
public sealed class PullRequestStateStore(ReviewBotDatabase database, TimeProvider timeProvider)
{
    public async Task SetPausedAsync(string repository, int pullNumber, bool paused, string changedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pull_request_states (repository, pull_number, paused, changed_by, updated_at)
            VALUES (@repository, @pullNumber, @Paused, @changedBy, @UpdatedAt)
            ON CONFLICT (repository, pull_number) DO UPDATE SET paused = excluded.paused, changed_by = excluded.changed_by, updated_at = excluded.updated_at
            """,
            new { repository, pullNumber, Paused = paused ? 1L : 0L, changedBy, UpdatedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<bool> IsPausedAsync(string repository, int pullNumber, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var paused = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT paused FROM pull_request_states WHERE repository = @repository AND pull_number = @pullNumber",
            new { repository, pullNumber }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return paused is > 0;
    }
}
