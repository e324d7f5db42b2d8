using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;
using ReviewBot.Core.Pipeline;
using ReviewBot.Data;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// <c>reviewbot bench load</c>: a receiver (<c>serve --role web</c>, its own process) under signed 28 KB
/// <c>pull_request</c> deliveries at fixed rates and at saturation, on SQLite or PostgreSQL, then a worker draining the
/// queue those deliveries filled (offline critic, a generated C# change per job, dry-run publishing). Loopback only;
/// every phase is bounded in time.
/// </summary>
internal static class LoadBenchmark
{
    private const string Secret = "bench-secret";

    public static Command CreateCommand()
    {
        var provider = new Option<StorageProvider>("--provider") { Description = "Sqlite (default) or Postgres.", DefaultValueFactory = _ => StorageProvider.Sqlite };
        var connection = new Option<string>("--connection-string") { Description = "PostgreSQL database (with --provider Postgres); the bench works in a schema of its own and drops it." };
        var rates = new Option<string>("--rates") { Description = "Open-loop rates in deliveries/s (default 100,500,1000).", DefaultValueFactory = _ => "100,500,1000" };
        var seconds = new Option<int>("--seconds") { Description = "Seconds per rate, and at saturation (default 5).", DefaultValueFactory = _ => 5 };
        var connections = new Option<int>("--saturation-connections") { Description = "Connections for the saturation phase; 0 skips it (default 64).", DefaultValueFactory = _ => 64 };
        var drain = new Option<int>("--drain-seconds") { Description = "Longest the worker drains the queue; 0 skips it (default 20).", DefaultValueFactory = _ => 20 };
        var concurrency = new Option<int>("--worker-concurrency") { Description = "Jobs the worker runs at once (default 4).", DefaultValueFactory = _ => 4 };
        var lines = new Option<int>("--lines") { Description = "Added C# lines in each job's change (default 60).", DefaultValueFactory = _ => 60 };
        var command = new Command("load", "Receiver throughput and latency under fixed-rate and saturating load, then queue drain rate.")
        {
            provider, connection, rates, seconds, connections, drain, concurrency, lines,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new LoadSettings(
                parse.GetValue(provider),
                parse.GetValue(connection),
                [.. parse.GetValue(rates)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(static r => int.Parse(r, CultureInfo.InvariantCulture))],
                TimeSpan.FromSeconds(parse.GetValue(seconds)),
                parse.GetValue(connections),
                TimeSpan.FromSeconds(parse.GetValue(drain)),
                parse.GetValue(concurrency),
                parse.GetValue(lines)),
            Console.Out,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(LoadSettings load, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(output);
        if (load.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(load.ConnectionString))
        {
            await output.WriteLineAsync("bench load: --connection-string is required with --provider Postgres").ConfigureAwait(false);
            return 2;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("reviewbot-load-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = load.Provider.ToString(),
            ["Storage:DataDirectory"] = dataDirectory,
            ["GitHub:WebhookSecret"] = Secret,
        };
        if (load.Provider == StorageProvider.Postgres)
        {
            settings["Storage:ConnectionString"] = load.ConnectionString!;
            settings["Storage:Schema"] = "bench_" + Guid.NewGuid().ToString("N")[..12];
        }

        try
        {
            var phases = await ReceiveAsync(load, settings, output, cancellationToken).ConfigureAwait(false);
            if (load.Drain > TimeSpan.Zero)
            {
                await DrainAsync(load, settings, output, cancellationToken).ConfigureAwait(false);
            }

            return phases.All(static p => p.Errors == 0) ? 0 : 1;
        }
        finally
        {
            await CleanUpAsync(load, settings, dataDirectory).ConfigureAwait(false);
        }
    }

    private static async Task<List<LoadPhaseResult>> ReceiveAsync(LoadSettings load, Dictionary<string, string> settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using var receiver = await BenchReceiver.StartAsync(settings, cancellationToken).ConfigureAwait(false);
        using var generator = new LoadGenerator(new Uri(receiver.Url, Webhooks.WebhookEndpoint.Path), Secret);

        // Warm-up outside the measurement: JIT, connection pools, page cache.
        await generator.SaturateAsync(8, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var phases = new List<LoadPhaseResult>();

        // Capacity first, on a fresh receiver; then the fixed rates, lowest first, so an overload comes last.
        if (load.SaturationConnections > 0)
        {
            phases.Add(await generator.SaturateAsync(load.SaturationConnections, load.Duration, cancellationToken).ConfigureAwait(false));
        }

        foreach (var rate in load.Rates.Order())
        {
            // A pause between phases lets the receiver finish what the previous phase left queued.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            phases.Add(await generator.OpenLoopAsync(rate, load.Duration, cancellationToken).ConfigureAwait(false));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench load ({load.Provider}): receiver `serve --role web` in its own process; signed pull_request deliveries of {generator.BodyBytes / 1024.0:0.0} KB, each queueing a job; {Environment.ProcessorCount} cores"));
        output.WriteLine("| phase | sent | accepted/s | p50 ms | p99 ms | max ms | 503 (redeliver) | errors (timeouts, other) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Sent} | {phase.Throughput:0} | {phase.Latency.P50:0.0} | {phase.Latency.P99:0.0} | {phase.Latency.Max:0.0} | {phase.Refused} | {phase.Errors} |"));
        }

        output.WriteLine("latency: from when a request was due (open loop) or sent (saturation) to its answer; 10 s client timeout, as GitHub's");

        return phases;
    }

    private static async Task DrainAsync(LoadSettings load, Dictionary<string, string> settings, TextWriter output, CancellationToken cancellationToken)
    {
        var args = settings.Select(static s => $"--{s.Key}={s.Value}").Concat(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            string.Create(CultureInfo.InvariantCulture, $"--Jobs:Concurrency={load.WorkerConcurrency}"),
        ]).ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddReviewBot(builder.Configuration, ServeRole.Worker);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPullRequestSource>(new SyntheticPullRequestSource(load.Lines)));
        await using var worker = builder.Build();
        worker.MapReviewBot(ServeRole.Worker);

        var database = worker.Services.GetRequiredService<ReviewBotDatabase>();
        var scheduler = await worker.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken).ConfigureAwait(false);
        var queued = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), cancellationToken).ConfigureAwait(false)).Count;
        var clock = Stopwatch.StartNew();
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        long done;
        do
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            done = await ReviewedAsync(database, cancellationToken).ConfigureAwait(false);
        }
        while (done < queued && clock.Elapsed < load.Drain);

        var elapsed = clock.Elapsed;
        await worker.StopAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drain: one worker process, {load.WorkerConcurrency} jobs at once, offline critic on a {load.Lines}-line C# change per job, dry-run publishing: {done} of {queued} queued jobs in {elapsed.TotalSeconds:0.0} s = {done / elapsed.TotalSeconds:0.0} jobs/s (start-up included)"));
    }

    private static async Task<long> ReviewedAsync(ReviewBotDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM reviews WHERE completed_at IS NOT NULL", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private static async Task CleanUpAsync(LoadSettings load, Dictionary<string, string> settings, string dataDirectory)
    {
        if (load.Provider == StorageProvider.Postgres && settings.TryGetValue("Storage:Schema", out var schema))
        {
            await using var connection = new NpgsqlConnection(load.ConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE").ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; a temp directory left behind is harmless.
        }
    }
}

/// <summary>What <c>bench load</c> runs.</summary>
internal sealed record LoadSettings(
    StorageProvider Provider,
    string? ConnectionString,
    IReadOnlyList<int> Rates,
    TimeSpan Duration,
    int SaturationConnections,
    TimeSpan Drain,
    int WorkerConcurrency,
    int Lines);
