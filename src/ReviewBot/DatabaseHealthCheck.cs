using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReviewBot.Data;

namespace ReviewBot;

/// <summary>Ready when ReviewBot's database answers.</summary>
internal sealed class DatabaseHealthCheck(ReviewBotDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (DbException ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
