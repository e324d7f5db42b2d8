using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ReviewBot.Tests.Dashboard;

/// <summary>The real <c>serve</c> host on a loopback port (a browser cannot reach an in-memory test server).</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var app = ReviewBotHost.Build(["--urls=http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        return new RunningHost(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public string Url(string path) => new Uri(Address, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
