using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Telemetry;

/// <summary>The OTLP exporter: off unless configured; configured, it sends to the collector named (a loopback stand-in here).</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Serve_WithOtlpEndpoint_ExportsMetricsAndTracesOverHttp()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, long Length)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http, string signal) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue(("/v1/" + signal, http.Request.ContentType ?? "", body.Length));
            return Results.Ok();
        });
        await collector.StartAsync();
        await using var host = await HostedGitHub.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Urls.First(),
            ["Telemetry:Protocol"] = "HttpProtobuf",
            ["Telemetry:MetricExportInterval"] = "00:00:00.500",
        });

        await host.DeliverAsync(PullRequestFixture.OpenedDelivery(), "pull_request");
        await host.WaitForRunsAsync();
        await Eventually.GetAsync(() => Task.FromResult(received.ToArray()), static r => r.Any(static x => x.Path == "/v1/metrics"), what: "a metrics export");
        await host.App.DisposeAsync();

        Assert.Contains(received, static r => r.Path == "/v1/metrics" && r.ContentType.Contains("protobuf", StringComparison.Ordinal) && r.Length > 0);
        Assert.Contains(received, static r => r.Path == "/v1/traces" && r.Length > 0);
    }

    [Fact]
    public async Task Serve_WithoutOtlpEndpoint_ExportsNothing()
    {
        await using var host = await HostedGitHub.StartAsync();

        Assert.DoesNotContain(host.App.Services.GetServices<IHostedService>(), static s => s.GetType().Name == "TelemetryExport");
    }
}
