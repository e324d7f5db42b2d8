using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using ReviewBot.Core.Telemetry;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Telemetry;

/// <summary>ReviewBot's instruments, seen by an in-process <see cref="MeterListener"/> while a real delivery is processed.</summary>
public sealed class ReviewBotTelemetryTests
{
    [Fact]
    public async Task Delivery_ProcessedEndToEnd_MovesTheInstruments()
    {
        var seen = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReviewBotTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, Tags(tags))));
        listener.Start();
        await using var host = await HostedGitHub.StartAsync();
        var delivery = Guid.NewGuid().ToString();

        using var response = await host.Client.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request", delivery));
        await host.WaitForRunsAsync();
        await Eventually.GetAsync(() => Task.FromResult(seen.Any(static m => m.Instrument == "reviewbot.jobs")), static x => x, what: "the job to be counted");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(seen, static m => m.Instrument == "reviewbot.webhook.deliveries" && m.Tags["event"] == "pull_request" && m.Tags["outcome"] == "queued");
        Assert.Contains(seen, static m => m.Instrument == "reviewbot.jobs" && m.Tags["job"] == "review" && m.Tags["outcome"] == "Completed");
        Assert.Contains(seen, static m => m.Instrument == "reviewbot.job.duration" && m.Value > 0);
        Assert.Contains(seen, static m => m.Instrument == "reviewbot.reviews" && m.Tags["status"] == "Posted");
        Assert.True(seen.Where(static m => m.Instrument == "reviewbot.comments.posted").Sum(static m => m.Value) >= 1);
        Assert.Contains(seen, static m => m.Instrument == "reviewbot.rm.duration" && m.Value >= 0);
        Assert.True(seen.Where(static m => m.Instrument == "reviewbot.rm.scored").Sum(static m => m.Value) >= 1);
    }

    private static Dictionary<string, string?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            map[key] = value?.ToString();
        }

        return map;
    }
}
