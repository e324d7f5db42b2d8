using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ReviewBot.Cli.Bench;

/// <summary>What one load phase measured.</summary>
internal sealed record LoadPhaseResult(string Name, int Sent, int Accepted, int Refused, int Errors, TimeSpan Elapsed, LatencyStats Latency)
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
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _template = Template();
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };
    private int _next = 100_000_000;

    /// <summary>Size of one delivery body.</summary>
    public int BodyBytes => Encoding.UTF8.GetByteCount(_template);

    public async Task<LoadPhaseResult> OpenLoopAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new ConcurrentBag<double>();
        var tally = new Tally();
        var sends = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total;)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
            {
                var dueAt = TimeSpan.FromSeconds(sent / (double)rate);
                sends.Add(SendAsync(clock, dueAt, latencies, tally, cancellationToken));
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
        return new LoadPhaseResult(string.Create(CultureInfo.InvariantCulture, $"{rate}/s"), total, tally.Accepted, tally.Refused, tally.Errors, clock.Elapsed, LatencyStats.From(latencies));
    }

    public async Task<LoadPhaseResult> SaturateAsync(int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var tally = new Tally();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                Interlocked.Increment(ref sent);
                await SendAsync(clock, clock.Elapsed, latencies, tally, cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return new LoadPhaseResult(string.Create(CultureInfo.InvariantCulture, $"saturation ({connections} conns)"), sent, tally.Accepted, tally.Refused, tally.Errors, clock.Elapsed, LatencyStats.From(latencies));
    }

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(Stopwatch clock, TimeSpan dueAt, ConcurrentBag<double> latencies, Tally tally, CancellationToken cancellationToken)
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
            tally.Count((int)response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            tally.Count(0);
        }

        latencies.Add((clock.Elapsed - dueAt).TotalMilliseconds);
    }

    /// <summary>202s, 503s (refused, to be redelivered) and everything else (timeouts, other statuses).</summary>
    private sealed class Tally
    {
        private int _accepted;
        private int _refused;
        private int _errors;

        public int Accepted => _accepted;

        public int Refused => _refused;

        public int Errors => _errors;

        public void Count(int status)
        {
            if (status == 202)
            {
                Interlocked.Increment(ref _accepted);
            }
            else if (status == 503)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                Interlocked.Increment(ref _errors);
            }
        }
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
