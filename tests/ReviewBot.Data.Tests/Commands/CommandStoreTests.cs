using ReviewBot.Data.Commands;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Commands;

public sealed class CommandStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryAddAsync_SameDeliveryTwice_StoresOnceAndFinishes(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var store = new CommandStore(database, TimeProvider.System);
        var command = new StoredCommand
        {
            DeliveryId = "d-1",
            Repository = "octo/repo",
            PullNumber = 7,
            CommentId = 9_000_000_001,
            Author = "maintainer",
            Command = "pause",
            InstallationId = 42,
            Status = CommandStatus.Queued,
        };

        var id = await store.TryAddAsync(command, CancellationToken.None);
        var again = await store.TryAddAsync(command, CancellationToken.None);
        await store.FinishAsync(id!.Value, CommandStatus.Done, "paused", CancellationToken.None);

        Assert.Null(again);
        var stored = Assert.Single(await store.ListAsync("octo/repo", 7, CancellationToken.None));
        Assert.Equal((CommandStatus.Done, "paused", 9_000_000_001L, 42L), (stored.Status, stored.Reason, stored.CommentId, stored.InstallationId!.Value));
        Assert.NotNull(stored.HandledAt);
        Assert.Equal(stored, await store.GetAsync(id.Value, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SetPausedAsync_PauseThenResume_IsPausedFollows(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var states = new PullRequestStateStore(database, TimeProvider.System);

        Assert.False(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
        await states.SetPausedAsync("octo/repo", 1, paused: true, "maintainer", CancellationToken.None);
        Assert.True(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
        Assert.False(await states.IsPausedAsync("octo/repo", 2, CancellationToken.None));
        await states.SetPausedAsync("octo/repo", 1, paused: false, "maintainer", CancellationToken.None);
        Assert.False(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
    }
}
