using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Quartz;
using ReviewBot.Jobs;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// <c>reviewbot bench intake</c>: signed 28 KB <c>pull_request</c> deliveries through the real endpoint over
/// loopback, each for another pull request and head SHA so each one durably enqueues a job. Runs a web-role host (jobs are queued,
/// not run) on a fresh data directory.
/// </summary>
internal static class IntakeBenchmark
{
    private const string Secret = "bench-secret";

    public static Command CreateCommand()
    {
        var count = new Option<int>("--count") { Description = "Deliveries to send (default 2000).", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight (default 16).", DefaultValueFactory = _ => 16 };
        var provider = new Option<string>("--provider") { Description = "Sqlite (default) or Postgres.", DefaultValueFactory = _ => "Sqlite" };
        var connection = new Option<string>("--connection-string") { Description = "PostgreSQL connection string (with --provider Postgres)." };
        var command = new Command("intake", "Deliveries per second and latency of webhook intake with durable enqueue.") { count, concurrency, provider, connection };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(count), parse.GetValue(concurrency), parse.GetValue(provider)!, parse.GetValue(connection), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int count, int concurrency, string provider, string? connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reviewbot-bench-").FullName;
        try
        {
            var settings = new List<string>
            {
                "--urls=http://127.0.0.1:0",
                $"--{ReviewBotHost.RoleKey}=Web",
                $"--GitHub:WebhookSecret={Secret}",
                $"--Storage:Provider={provider}",
                $"--Storage:DataDirectory={dataDirectory}",
                "--Logging:LogLevel:Default=Warning",
            };
            if (connectionString is not null)
            {
                settings.Add($"--Storage:ConnectionString={connectionString}");
            }

            await using var app = ReviewBotHost.Build([.. settings]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var url = new Uri(new Uri(address), Webhooks.WebhookEndpoint.Path);

            var template = JsonNode.Parse(RecordedPayloads.PullRequestOpened())!;
            var bodies = Enumerable.Range(0, count).Select(i => WithHead(template, i)).ToArray();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromSeconds(60) };

            // Warm up JIT, connection pool and SQLite page cache outside the measurement.
            foreach (var warm in Enumerable.Range(count, Math.Min(50, count)).Select(i => WithHead(template, i)))
            {
                using var request = ReplayCommand.Build(url, warm, "pull_request", Guid.NewGuid().ToString(), Secret);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var latencies = new ConcurrentBag<double>();
            var errors = 0;
            var total = Stopwatch.StartNew();
            await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (body, ct) =>
            {
                using var request = ReplayCommand.Build(url, body, "pull_request", Guid.NewGuid().ToString(), Secret);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if ((int)response.StatusCode != 202)
                {
                    Interlocked.Increment(ref errors);
                }
            }).ConfigureAwait(false);
            total.Stop();

            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
            var jobs = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ReviewJobData.Group), cancellationToken).ConfigureAwait(false);
            await app.StopAsync(cancellationToken).ConfigureAwait(false);

            var stats = LatencyStats.From(latencies);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"intake ({provider}): {count} signed deliveries of {bodies[0].Length / 1024.0:0.0} KB, concurrency {concurrency}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {count / total.Elapsed.TotalSeconds:0} deliveries/s; {stats}; {errors} error(s); {jobs.Count} durable job(s) queued"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            TryDelete(dataDirectory);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static byte[] WithHead(JsonNode template, int index)
    {
        var copy = template.DeepClone();
        copy["number"] = index + 1;
        copy["pull_request"]!["number"] = index + 1;
        copy["pull_request"]!["head"]!["sha"] = Convert.ToHexStringLower(BitConverter.GetBytes((long)index)).PadLeft(40, '0');
        // Indented like GitHub's own delivery, so each body is the recorded 28 KB.
        return System.Text.Encoding.UTF8.GetBytes(copy.ToJsonString(Indented));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file open for a moment; a temp directory left behind is harmless.
        }
    }
}
