using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Data;

/// <summary>Which database engine holds ReviewBot's data and jobs.</summary>
public enum StorageProvider
{
    /// <summary>SQLite files in <see cref="StorageOptions.DataDirectory"/> (default; one machine).</summary>
    Sqlite,

    /// <summary>PostgreSQL: shared by many receivers and workers (Quartz clustering).</summary>
    Postgres,
}

/// <summary>Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Sqlite (default) or Postgres.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The database for reviews, feedback and deliveries. Default for SQLite: <c>reviewbot.db</c> in
    /// <see cref="DataDirectory"/>. Required for Postgres.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The database for durable jobs. Default for SQLite: <c>jobs.db</c> in <see cref="DataDirectory"/> (a separate
    /// file keeps job polling from contending with review writes); for Postgres: <see cref="ConnectionString"/>.
    /// </summary>
    public string? JobsConnectionString { get; set; }

    /// <summary>Where SQLite files live; created on first run. Default <c>data</c> under the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// SQLite: how long a write waits for another connection's write lock before it fails (the webhook then answers
    /// 503, which the sender may retry). Whole seconds, at least 1. Default 30 s.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Schema (PostgreSQL) or nothing (SQLite). Lets several test runs share one server. Default <c>public</c>.</summary>
    public string Schema { get; set; } = "public";
}
