using Microsoft.Extensions.Options;
using ReviewBot.Data.Commands;
using ReviewBot.Data.Migrations;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Commands;

public sealed class CommandStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryAddAsync_SameDeliveryTwice_StoresOnceAndFinishes(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
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
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var database = new ReviewBotDatabase(Options.Create(test.Options));
        await new MigrationRunner(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        var states = new PullRequestStateStore(database, TimeProvider.System);

        Assert.False(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
        await states.SetPausedAsync("octo/repo", 1, paused: true, "maintainer", CancellationToken.None);
        Assert.True(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
        Assert.False(await states.IsPausedAsync("octo/repo", 2, CancellationToken.None));
        await states.SetPausedAsync("octo/repo", 1, paused: false, "maintainer", CancellationToken.None);
        Assert.False(await states.IsPausedAsync("octo/repo", 1, CancellationToken.None));
    }
}
