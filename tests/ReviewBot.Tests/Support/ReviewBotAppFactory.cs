using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The real <c>serve</c> host, in memory, on its own SQLite data directory, with settings overridden in memory the way
/// an operator would set them in appsettings or the environment.
/// </summary>
internal sealed class ReviewBotAppFactory(string dataDirectory, ServeRole role, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "It's a Secret to Everybody";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting(ReviewBotHost.RoleKey, role.ToString());
        builder.UseSetting("GitHub:WebhookSecret", Secret);
        builder.UseSetting("Storage:DataDirectory", dataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
