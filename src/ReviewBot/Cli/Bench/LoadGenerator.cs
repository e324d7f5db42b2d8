using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Cli.Bench;

/// <summary>What one load phase measured.</summary>
internal sealed record LoadPhaseResult(string Name, int Sent, int Accepted, int Errors, TimeSpan Elapsed, LatencyStats Latency)
{
    public double Throughput => Accepted / Elapsed.TotalSeconds;
}

/// <summary>
/// Sends signed <c>pull_request.opened</c> deliveries, each for a pull request and head of its own (so each one queues a
/// job), either open-loop at a target rate or closed-loop as fast as a number of connections allow. Open-loop latency
/// is measured from when a request was due, not when it left, so a receiver that falls behind cannot hide it.
/// </summary>
internal sealed class LoadGenerator(Uri url, string secret) : IDisposable
{
    private const string NumberToken = "987654321";
    private const string ShaToken = "feedfacefeedfacefeedfacefeedfacefeedface";
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _template = Template();
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };
    private int _next = 100_000_000;

    /// <summary>Size of one delivery body.</summary>
    public int BodyBytes => Encoding.UTF8.GetByteCount(_template);

    public async Task<LoadPhaseResult> OpenLoopAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new ConcurrentBag<double>();
        var accepted = 0;
        var errors = 0;
        var sends = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total;)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                var dueAt = TimeSpan.FromSeconds(sent / (double)rate);
                sends.Add(SendAsync(clock, dueAt, latencies, () => Interlocked.Increment(ref accepted), () => Interlocked.Increment(ref errors), cancellationToken));
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        return new LoadPhaseResult(string.Create(CultureInfo.InvariantCulture, $"{rate}/s"), total, accepted, errors, clock.Elapsed, LatencyStats.From(latencies));
    }

    public async Task<LoadPhaseResult> SaturateAsync(int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var accepted = 0;
        var errors = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                Interlocked.Increment(ref sent);
                await SendAsync(clock, clock.Elapsed, latencies, () => Interlocked.Increment(ref accepted), () => Interlocked.Increment(ref errors), cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return new LoadPhaseResult(string.Create(CultureInfo.InvariantCulture, $"saturation ({connections} conns)"), sent, accepted, errors, clock.Elapsed, LatencyStats.From(latencies));
    }

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(Stopwatch clock, TimeSpan dueAt, ConcurrentBag<double> latencies, Action accepted, Action failed, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var index = Interlocked.Increment(ref _next);
        var body = Encoding.UTF8.GetBytes(_template
            .Replace(NumberToken, index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(ShaToken, Convert.ToHexStringLower(BitConverter.GetBytes((long)index)).PadLeft(40, '0'), StringComparison.Ordinal));
        try
        {
            using var request = ReplayCommand.Build(url, body, "pull_request", Guid.NewGuid().ToString(), secret);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 202)
            {
                accepted();
            }
            else
            {
                failed();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            failed();
        }

        latencies.Add((clock.Elapsed - dueAt).TotalMilliseconds);
    }

    private static string Template()
    {
        var payload = JsonNode.Parse(RecordedPayloads.PullRequestOpened())!;
        payload["number"] = JsonValue.Create(int.Parse(NumberToken, CultureInfo.InvariantCulture));
        payload["pull_request"]!["number"] = JsonValue.Create(int.Parse(NumberToken, CultureInfo.InvariantCulture));
        payload["pull_request"]!["head"]!["sha"] = ShaToken;

        // Indented as recorded (28 KB), not compacted.
        return payload.ToJsonString(Indented);
    }
}
