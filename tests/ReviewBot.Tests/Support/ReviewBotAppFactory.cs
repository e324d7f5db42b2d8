using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReviewBot.Testing;

namespace ReviewBot.Tests.Support;

/// <summary>
/// The real <c>serve</c> host, in memory, on its own database (a SQLite data directory, or a PostgreSQL database that
/// holds both ReviewBot's tables and Quartz's), with settings overridden in memory the way an operator would set them
/// in appsettings or the environment.
/// </summary>
internal sealed class ReviewBotAppFactory(string dataDirectory, ServeRole role, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string Secret = "It's a Secret to Everybody";

    /// <summary>A host on <paramref name="database"/>'s engine; <paramref name="settings"/> win over the database's.</summary>
    public ReviewBotAppFactory(TestDatabase database, ServeRole role, IReadOnlyDictionary<string, string?>? settings = null)
        : this(Directory(database), role, Merge(database.Settings, settings))
    {
    }

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

    private static string Directory(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Directory;
    }

    private static Dictionary<string, string?> Merge(IReadOnlyDictionary<string, string?> first, IReadOnlyDictionary<string, string?>? then)
    {
        var merged = new Dictionary<string, string?>(first, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in then ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return merged;
    }
}
