using Dapper;

namespace ReviewBot.Data.Settings;

/// <summary>
/// Remembers which invalid configuration files (repository holding the file + blob SHA) were explained on a pull
/// request, so each is explained exactly once. A claim is taken before posting; a transient failure releases it
/// for a later run, anything else keeps it.
/// </summary>
public sealed class ConfigNoticeStore(ReviewBotDatabase database, TimeProvider timeProvider)
{
    /// <summary>True when this run may post the notice: no run claimed this file before.</summary>
    public async Task<bool> TryClaimAsync(string repository, string blobSha, string path, string postedOn, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO config_notices (repository, blob_sha, path, posted_on, status, created_at)
            VALUES (@repository, @blobSha, @path, @postedOn, 'claimed', @CreatedAt)
            ON CONFLICT (repository, blob_sha) DO NOTHING
            """,
            new { repository, blobSha, path, postedOn, CreatedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public Task MarkPostedAsync(string repository, string blobSha, long commentId, CancellationToken cancellationToken) =>
        UpdateAsync(repository, blobSha, "posted", commentId, cancellationToken);

    public Task MarkFailedAsync(string repository, string blobSha, CancellationToken cancellationToken) =>
        UpdateAsync(repository, blobSha, "failed", null, cancellationToken);

    /// <summary>Gives the claim back, so a later run posts the notice.</summary>
    public async Task ReleaseAsync(string repository, string blobSha, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM config_notices WHERE repository = @repository AND blob_sha = @blobSha AND status = 'claimed'",
            new { repository, blobSha }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Notices posted or claimed for files of <paramref name="repository"/>.</summary>
    public async Task<int> CountAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM config_notices WHERE repository = @repository", new { repository }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task UpdateAsync(string repository, string blobSha, string status, long? commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE config_notices SET status = @status, comment_id = @commentId WHERE repository = @repository AND blob_sha = @blobSha",
            new { repository, blobSha, status, commentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
