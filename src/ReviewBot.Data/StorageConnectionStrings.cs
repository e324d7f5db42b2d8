using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReviewBot.Data;

/// <summary>Resolves the effective connection strings, creating the SQLite data directory on first use.</summary>
public static class StorageConnectionStrings
{
    public static string ForData(StorageOptions options) => Resolve(options, options?.ConnectionString, "reviewbot.db");

    /// <summary>The job store's connection; on PostgreSQL its search path is <see cref="StorageOptions.Schema"/>, so Quartz's tables live beside ReviewBot's.</summary>
    public static string ForJobs(StorageOptions options)
    {
        var resolved = Resolve(options, options?.JobsConnectionString ?? (options?.Provider == StorageProvider.Postgres ? options.ConnectionString : null), "jobs.db");
        return options!.Provider == StorageProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(resolved) { SearchPath = options.Schema }.ConnectionString
            : resolved;
    }

    private static string Resolve(StorageOptions? options, string? configured, string defaultFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == StorageProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new InvalidOperationException("Storage:ConnectionString is required when Storage:Provider is Postgres.")
                : configured;
        }

        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(options.DataDirectory, defaultFile)}"
            : configured)
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        };
        if (builder.DataSource is { Length: > 0 } file && builder.Mode != SqliteOpenMode.Memory && file != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ConnectionString;
    }
}
