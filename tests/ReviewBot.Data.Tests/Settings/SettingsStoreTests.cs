using ReviewBot.Data.Settings;
using ReviewBot.Testing;

namespace ReviewBot.Data.Tests.Settings;

public sealed class SettingsStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task SaveAsync_Twice_KeepsTheLatestAndListsOptOuts(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var store = new RepositorySettingsStore(database, TimeProvider.System);

        await store.SaveAsync("octo/a", reviewDrafts: null, trainingOptOut: true, "{\"v\":1}", CancellationToken.None);
        await store.SaveAsync("octo/a", reviewDrafts: true, trainingOptOut: false, "{\"v\":2}", CancellationToken.None);
        await store.SaveAsync("octo/b", reviewDrafts: false, trainingOptOut: true, "{}", CancellationToken.None);

        var a = await store.GetAsync("octo/a", CancellationToken.None);
        Assert.Equal((true, false, "{\"v\":2}"), (a!.ReviewDrafts, a.TrainingOptOut, a.ConfigJson));
        Assert.Null(await store.GetAsync("octo/none", CancellationToken.None));
        Assert.Equal(["octo/b"], await store.ListTrainingOptOutsAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task TryClaimAsync_OnePerBlob_ReleasedOnlyWhileClaimed(StorageProvider provider)
    {
        await using var migrated = await MigratedDatabase.CreateAsync(provider);
        var database = migrated.Database;
        var notices = new ConfigNoticeStore(database, TimeProvider.System);

        Assert.True(await notices.TryClaimAsync("octo/a", "blob1", ".github/reviewbot.yml", "octo/a#1", CancellationToken.None));
        Assert.False(await notices.TryClaimAsync("octo/a", "blob1", ".github/reviewbot.yml", "octo/a#2", CancellationToken.None));
        await notices.ReleaseAsync("octo/a", "blob1", CancellationToken.None);
        Assert.True(await notices.TryClaimAsync("octo/a", "blob1", ".github/reviewbot.yml", "octo/a#2", CancellationToken.None));
        await notices.MarkPostedAsync("octo/a", "blob1", 5, CancellationToken.None);
        await notices.ReleaseAsync("octo/a", "blob1", CancellationToken.None);
        Assert.False(await notices.TryClaimAsync("octo/a", "blob1", ".github/reviewbot.yml", "octo/a#3", CancellationToken.None));
        Assert.True(await notices.TryClaimAsync("octo/a", "blob2", ".github/reviewbot.yml", "octo/a#3", CancellationToken.None));
        Assert.Equal(2, await notices.CountAsync("octo/a", CancellationToken.None));
    }
}
