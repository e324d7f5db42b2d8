using ReviewBot.Data.Deliveries;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Deliveries;

public sealed class DeliveryLogTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryRecordAsync_SameDeliveryTwice_RecordsItOnce(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
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
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var log = new DeliveryLog(database, TimeProvider.System);
        var id = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => log.TryRecordAsync(id, "pull_request", "synchronize", "octo/repo", "Queued", CancellationToken.None)));

        Assert.Equal(1, results.Count(static r => r));
    }
}
