using Microsoft.Extensions.Options;
using ReviewBot.Data.Migrations;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests;

/// <summary>A test's own database on the given engine with every migration applied; disposing drops it.</summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly TestDatabase _test;

    private MigratedDatabase(TestDatabase test, ReviewBotDatabase database)
    {
        _test = test;
        Database = database;
    }

    public ReviewBotDatabase Database { get; }

    public static async Task<MigratedDatabase> CreateAsync(StorageProvider provider, TimeProvider? time = null)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, time ?? TimeProvider.System).MigrateAsync(CancellationToken.None);
        return new MigratedDatabase(test, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _test.DisposeAsync();
    }
}
