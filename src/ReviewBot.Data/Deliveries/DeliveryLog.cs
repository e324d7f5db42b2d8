using Dapper;

namespace ReviewBot.Data.Deliveries;

/// <summary>
/// Webhook deliveries seen, keyed by <c>X-GitHub-Delivery</c>. GitHub redelivers with the same id; a delivery seen
/// before is acknowledged and not acted on again.
/// </summary>
public sealed class DeliveryLog(ReviewBotDatabase database, TimeProvider timeProvider)
{
    public async Task<bool> HasSeenAsync(string deliveryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM deliveries WHERE delivery_id = @deliveryId", new { deliveryId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return count > 0;
    }

    /// <summary>Records a delivery; false when the id was already recorded (a concurrent duplicate).</summary>
    public async Task<bool> TryRecordAsync(string deliveryId, string eventName, string? action, string? repository, string outcome, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO deliveries (delivery_id, event, action, repository, outcome, received_at)
            VALUES (@deliveryId, @eventName, @action, @repository, @outcome, @receivedAt)
            ON CONFLICT (delivery_id) DO NOTHING
            """,
            new { deliveryId, eventName, action, repository, outcome, receivedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM deliveries", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
