using ReviewBot.Data.Migrations;

namespace ReviewBot;

/// <summary>Brings ReviewBot's database schema up to date before anything else starts.</summary>
internal sealed partial class DatabaseMigrationService(MigrationRunner runner, ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await runner.MigrateAsync(cancellationToken).ConfigureAwait(false);
        Log.Migrated(logger, applied);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Database schema up to date ({Applied} migration(s) applied)")]
        public static partial void Migrated(ILogger logger, int applied);
    }
}
