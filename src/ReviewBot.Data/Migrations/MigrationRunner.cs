using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace ReviewBot.Data.Migrations;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly (<c>Migrations/{Engine}/NNNN_name.sql</c>) in order,
/// each in its own transaction, recording them in <c>schema_migrations</c>. Safe to run from several processes at
/// once: SQLite serializes on <c>BEGIN IMMEDIATE</c>, PostgreSQL on an advisory lock.
/// </summary>
public sealed class MigrationRunner(ReviewBotDatabase database, TimeProvider timeProvider)
{
    private const long PostgresLockKey = 0x5265_7669_6577; // "Review"

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider == StorageProvider.Sqlite)
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;").ConfigureAwait(false);
        }
        else
        {
            await connection.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS \"{database.Options.Schema.Replace("\"", "", StringComparison.Ordinal)}\"").ConfigureAwait(false);
        }

        var applied = 0;
        foreach (var script in Scripts(database.Provider))
        {
            await using var transaction = await BeginExclusiveAsync(connection, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                transaction: transaction).ConfigureAwait(false);
            var done = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction).ConfigureAwait(false);
            if (done == 0)
            {
                await connection.ExecuteAsync(script.Sql, transaction: transaction).ConfigureAwait(false);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                    new { script.Version, script.Name, AppliedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() },
                    transaction).ConfigureAwait(false);
                applied++;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>The embedded scripts for an engine, in version order.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(StorageProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(static s => s.Version)
            .ToList();

        // Two scripts with one version would apply only the first and silently skip the other forever.
        if (scripts.GroupBy(static s => s.Version).FirstOrDefault(static g => g.Count() > 1) is { } clash)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", clash.Select(static s => s.Name))} ({provider}) share version {clash.Key}; give one of them the next free number.");
        }

        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..underscore], NumberStyles.None, CultureInfo.InvariantCulture);
        return new MigrationScript(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }

    private async Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            // Microsoft.Data.Sqlite starts deferred transactions; take the write lock up front instead.
            var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)connection;
            return sqlite.BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Key)", new { Key = PostgresLockKey }, transaction).ConfigureAwait(false);
        return transaction;
    }
}

/// <summary>One versioned migration.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);
