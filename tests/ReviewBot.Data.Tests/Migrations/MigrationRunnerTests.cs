using Dapper;
using Microsoft.Extensions.Options;
using ReviewBot.Data.Migrations;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Migrations;

public sealed class MigrationRunnerTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryScriptOnce(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        var runner = new MigrationRunner(database, TimeProvider.System);

        var first = await runner.MigrateAsync(CancellationToken.None);
        var second = await runner.MigrateAsync(CancellationToken.None);

        Assert.Equal(MigrationRunner.Scripts(provider).Count, first);
        Assert.Equal(0, second);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        Assert.Equal(first, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MigrateAsync_SeveralProcessesAtOnce_ApplyEachScriptExactlyOnce(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var databases = Enumerable.Range(0, 4).Select(_ => new ReviewBotDatabase(Options.Create(test.Options))).ToList();
        try
        {
            var applied = await Task.WhenAll(databases.Select(d => new MigrationRunner(d, TimeProvider.System).MigrateAsync(CancellationToken.None)));

            Assert.Equal(MigrationRunner.Scripts(provider).Count, applied.Sum());
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Scripts_BothEngines_HaveTheSameVersions()
    {
        var sqlite = MigrationRunner.Scripts(StorageProvider.Sqlite).Select(static s => (s.Version, s.Name));
        var postgres = MigrationRunner.Scripts(StorageProvider.Postgres).Select(static s => (s.Version, s.Name));

        Assert.Equal(sqlite, postgres);
        Assert.NotEmpty(sqlite);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task MigrateAsync_FeedbackEvents_RefusesUpdates(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(
            "INSERT INTO feedback_events (event_key, repository, pull_number, kind, occurred_at, recorded_at) VALUES ('k', 'o/r', 1, 'pr_merged', 1, 1)");

        var refused = await Record.ExceptionAsync(() => connection.ExecuteAsync("UPDATE feedback_events SET kind = 'pr_closed'"));

        Assert.NotNull(refused);
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        Assert.Equal("pr_merged", await connection.ExecuteScalarAsync<string>("SELECT kind FROM feedback_events"));
    }

    [Fact]
    public void Scripts_EachEngine_HasUniqueVersions()
    {
        foreach (var provider in new[] { StorageProvider.Sqlite, StorageProvider.Postgres })
        {
            var versions = MigrationRunner.Scripts(provider).Select(static s => s.Version).ToList();
            Assert.Equal(versions.Distinct().Count(), versions.Count);
        }
    }
}
