using Microsoft.Extensions.Options;
using ReviewBot.Data.Deliveries;
using ReviewBot.Data.Migrations;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Deliveries;

public sealed class DeliveryLogTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryRecordAsync_SameDeliveryTwice_RecordsItOnce(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        var log = new DeliveryLog(database, TimeProvider.System);
        var id = Guid.NewGuid().ToString();

        Assert.False(await log.HasSeenAsync(id, CancellationToken.None));
        Assert.True(await log.TryRecordAsync(id, "pull_request", "opened", "octo/repo", "Queued", CancellationToken.None));
        Assert.False(await log.TryRecordAsync(id, "pull_request", "opened", "octo/repo", "Queued", CancellationToken.None));
        Assert.True(await log.HasSeenAsync(id, CancellationToken.None));
        Assert.Equal(1, await log.CountAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryRecordAsync_ConcurrentDuplicates_ExactlyOneWins(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        var log = new DeliveryLog(database, TimeProvider.System);
        var id = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => log.TryRecordAsync(id, "pull_request", "synchronize", "octo/repo", "Queued", CancellationToken.None)));

        Assert.Equal(1, results.Count(static r => r));
    }
}
