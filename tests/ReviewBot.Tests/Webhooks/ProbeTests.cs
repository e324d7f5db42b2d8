using Microsoft.Extensions.Options;
using ReviewBot.Data;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Webhooks;

public sealed class ProbeTests
{
    [Fact]
    public async Task Settings_Reach_Eager_Registration()
    {
        using var data = new TempDirectory();
        await using var factory = new ReviewBotAppFactory(data.Path, ServeRole.Web);
        using var client = factory.CreateClient();
        var health = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal("ok", health);
        var storage = factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal(data.Path, storage.DataDirectory);
        Assert.True(File.Exists(Path.Combine(data.Path, "jobs.db")), string.Join(",", Directory.GetFiles(data.Path)));
    }
}
