using Microsoft.Data.Sqlite;
using Npgsql;
using ReviewBot.Data;

namespace ReviewBot.Testing;

/// <summary>
/// A database of its own for one test: a SQLite file in a fresh directory, or a fresh PostgreSQL database on the
/// server named by <c>REVIEWBOT_TEST_POSTGRES</c> (default: the role <c>.ci/run</c> creates on 127.0.0.1). PostgreSQL
/// tests are never skipped: without a server they fail and say how to start one.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "REVIEWBOT_TEST_POSTGRES";
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=reviewbot;Password=reviewbot;Database=postgres";

    private readonly string? _postgresName;

    private TestDatabase(StorageProvider provider, string directory, string? connectionString, string? postgresName)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public static IEnumerable<object[]> Engines => [[StorageProvider.Sqlite], [StorageProvider.Postgres]];

    public static string ServerConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    public StorageProvider Provider { get; }

    /// <summary>A scratch directory (SQLite files live here).</summary>
    public string Directory { get; }

    /// <summary>The data connection string (PostgreSQL); null for SQLite, which defaults to files in <see cref="Directory"/>.</summary>
    public string? ConnectionString { get; }

    public StorageOptions Options => new()
    {
        Provider = Provider,
        ConnectionString = ConnectionString,
        DataDirectory = Directory,
    };

    /// <summary>The same settings as configuration keys, for hosts.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Provider.ToString(),
        ["Storage:ConnectionString"] = ConnectionString,
        ["Storage:DataDirectory"] = Directory,
    };

    /// <summary>
    /// A fresh database. On PostgreSQL, <paramref name="postgresTemplate"/> names a database to copy (schema already in
    /// place, which is faster than creating it table by table); without it the database is empty.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, string? postgresTemplate = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (provider == StorageProvider.Sqlite)
        {
            return new TestDatabase(provider, directory, null, null);
        }

        var name = "rb_test_" + Guid.NewGuid().ToString("N");
        try
        {
            await using var server = new NpgsqlConnection(ServerConnectionString);
            await server.OpenAsync();
            await using var create = new NpgsqlCommand(
                postgresTemplate is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{postgresTemplate}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at '{Redacted(ServerConnectionString)}' ({ex.Message}). Run .ci/run, or start PostgreSQL and set {PostgresVariable}.", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name };
        return new TestDatabase(provider, directory, builder.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(ServerConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle may linger for a moment; the system's temp folder is cleaned anyway.
        }
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}
