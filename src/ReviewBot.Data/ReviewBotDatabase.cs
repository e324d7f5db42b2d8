using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReviewBot.Data;

/// <summary>
/// Opens connections to ReviewBot's own database (not the job store) on the configured engine. SQLite connections
/// run in WAL mode with a busy timeout, so readers never block the writer and short write bursts wait instead of failing.
/// </summary>
public sealed class ReviewBotDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;

    public ReviewBotDatabase(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Provider = Options.Provider;
        ConnectionString = StorageConnectionStrings.ForData(Options);
        if (Provider == StorageProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Options.Schema };
            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    public StorageOptions Options { get; }

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }
}
