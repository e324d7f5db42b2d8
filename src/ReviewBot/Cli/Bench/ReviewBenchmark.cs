using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Cli.Bench;

/// <summary>
/// <c>reviewbot bench review</c>: where a review's time goes, stage by stage, for a generated 1,000-line C# change
/// (model latency excluded), and how long FSBS takes when every model call costs a simulated 500 ms (the samples of
/// a round, and the beams of a round, run concurrently).
/// </summary>
internal static class ReviewBenchmark
{
    public static Command CreateCommand()
    {
        var lines = new Option<int>("--lines") { Description = "Added lines of C# in the change (default 1000).", DefaultValueFactory = _ => 1000 };
        var iterations = new Option<int>("--iterations") { Description = "Measured repetitions after one warm-up (default 5).", DefaultValueFactory = _ => 5 };
        var latency = new Option<int>("--latency-ms") { Description = "Simulated model latency per sample (default 500).", DefaultValueFactory = _ => 500 };
        var command = new Command("review", "CPU time per review by stage, and FSBS wall-clock under simulated model latency.") { lines, iterations, latency };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(lines), parse.GetValue(iterations), parse.GetValue(latency), Console.Out, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int lines, int iterations, int latencyMs, TextWriter output, CancellationToken cancellationToken)
    {
        var patch = SyntheticChange.Patch(lines);
        await using var services = CliConfiguration.BuildPipelineServices(CliConfiguration.Build());
        var sources = services.GetServices<IFindingSource>().ToDictionary(static s => s.Name, static s => s, StringComparer.Ordinal);
        var rewardModel = services.GetRequiredService<IRewardModel>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RankingOptions>>().Value;
        var stages = new StageClock();

        for (var i = 0; i <= iterations; i++)
        {
            var measured = i > 0;
            var diff = stages.Time("parse diff", measured, () => UnifiedDiffParser.Parse(patch).GetDiffOrThrow());
            var context = new ChangeContext { Diff = diff };

            // The first source on a fresh change compiles it; the second call on the same change reuses the
            // compilation, so the difference is the compilation itself.
            var compiler = sources["compiler"];
            var withCompile = await stages.TimeAsync("roslyn: compile + compiler diagnostics", measured: false, () => compiler.FindAsync(context, cancellationToken)).ConfigureAwait(false);
            await stages.TimeAsync("roslyn: compiler diagnostics", measured, () => compiler.FindAsync(context, cancellationToken)).ConfigureAwait(false);
            stages.Add("roslyn: compile", measured, Minus(stages.Last("roslyn: compile + compiler diagnostics"), stages.Last("roslyn: compiler diagnostics")));
            var analyzers = await stages.TimeAsync("analyzers (NetAnalyzers, Roslynator, Meziantou)", measured, () => sources["analyzers"].FindAsync(context, cancellationToken)).ConfigureAwait(false);
            var rules = await stages.TimeAsync("ReviewBot rules", measured, () => sources["rules"].FindAsync(context, cancellationToken)).ConfigureAwait(false);
            var text = await stages.TimeAsync("text checks", measured, () => sources["text"].FindAsync(context, cancellationToken)).ConfigureAwait(false);

            var findings = withCompile.Concat(analyzers).Concat(rules).Concat(text).Where(h => diff.FindFile(h.Path)?.IsCommentableRange(h.StartLine, h.EndLine) == true).ToList();
            var timed = new TimedRewardModel(rewardModel);
            await using var sampler = new FindingSampler(findings, options.Seed);
            var search = await stages.TimeAsync("FSBS search incl. scoring", measured: false, () => ForcedSamplingBeamSearch.SearchAsync(sampler, timed, context, options, cancellationToken)).ConfigureAwait(false);
            stages.Add("reward model scoring", measured, timed.Elapsed);
            stages.Add("FSBS search (without scoring)", measured, Minus(stages.Last("FSBS search incl. scoring"), timed.Elapsed));
            if (i == iterations)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"review bench: {diff.AddedLines} added C# lines in {diff.Files.Count} files; {findings.Count} findings, {search.Candidates.Count} candidates; reward model {rewardModel.Version}; {iterations} runs after a warm-up"));
            }
        }

        stages.Print(output);
        await PrintLatencyAsync(patch, latencyMs, options, rewardModel, sources.Values, output, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Minus((TimeSpan Wall, TimeSpan Cpu) a, (TimeSpan Wall, TimeSpan Cpu) b) => (a.Wall - b.Wall, a.Cpu - b.Cpu);

    private static async Task PrintLatencyAsync(byte[] patch, int latencyMs, RankingOptions options, IRewardModel rewardModel, IEnumerable<IFindingSource> sources, TextWriter output, CancellationToken cancellationToken)
    {
        var context = new ChangeContext { Diff = UnifiedDiffParser.Parse(patch).GetDiffOrThrow() };
        var found = await Task.WhenAll(sources.Select(s => s.FindAsync(context, cancellationToken))).ConfigureAwait(false);
        var findings = found.SelectMany(static f => f).Where(h => context.Diff.FindFile(h.Path)?.IsCommentableRange(h.StartLine, h.EndLine) == true).ToList();
        await using var slow = new SlowSampler(new FindingSampler(findings, options.Seed), TimeSpan.FromMilliseconds(latencyMs));
        var clock = Stopwatch.StartNew();
        var search = await ForcedSamplingBeamSearch.SearchAsync(slow, rewardModel, context, options, cancellationToken).ConfigureAwait(false);
        clock.Stop();
        var serial = search.Candidates.Count * latencyMs / 1000.0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FSBS with {latencyMs} ms per model sample (n={options.SamplesPerRound}, k={options.BeamWidth}, d={options.Rounds}): {search.Candidates.Count} samples in {clock.Elapsed.TotalSeconds:0.00} s wall-clock over {search.RoundsRun} rounds ({slow.Calls} sampler calls); one at a time it would take {serial:0.0} s"));
    }

    /// <summary>Wall-clock and process CPU time per named stage, averaged over the measured runs.</summary>
    private sealed class StageClock
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (TimeSpan Wall, TimeSpan Cpu, int Runs)> _totals = [];
        private readonly Dictionary<string, (TimeSpan Wall, TimeSpan Cpu)> _last = [];

        public T Time<T>(string stage, bool measured, Func<T> work)
        {
            var (wall, cpu) = Start();
            var result = work();
            Stop(stage, measured, wall, cpu);
            return result;
        }

        public async Task<T> TimeAsync<T>(string stage, bool measured, Func<Task<T>> work)
        {
            var (wall, cpu) = Start();
            var result = await work().ConfigureAwait(false);
            Stop(stage, measured, wall, cpu);
            return result;
        }

        public (TimeSpan Wall, TimeSpan Cpu) Last(string stage) => _last[stage];

        public void Add(string stage, bool measured, (TimeSpan Wall, TimeSpan Cpu) elapsed)
        {
            _last[stage] = elapsed;
            if (!measured)
            {
                return;
            }

            if (!_totals.TryGetValue(stage, out var total))
            {
                _order.Add(stage);
            }

            _totals[stage] = (total.Wall + elapsed.Wall, total.Cpu + elapsed.Cpu, total.Runs + 1);
        }

        public void Print(TextWriter output)
        {
            output.WriteLine($"{"stage",-48} {"wall ms",10} {"cpu ms",10}");
            var wallSum = 0.0;
            var cpuSum = 0.0;
            foreach (var stage in _order)
            {
                var (wall, cpu, runs) = _totals[stage];
                wallSum += wall.TotalMilliseconds / runs;
                cpuSum += cpu.TotalMilliseconds / runs;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-48} {wall.TotalMilliseconds / runs,10:0.0} {cpu.TotalMilliseconds / runs,10:0.0}"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-48} {wallSum,10:0.0} {cpuSum,10:0.0}"));
        }

        private static (long Wall, TimeSpan Cpu) Start() => (Stopwatch.GetTimestamp(), Process.GetCurrentProcess().TotalProcessorTime);

        private void Stop(string stage, bool measured, long wallStart, TimeSpan cpuStart) =>
            Add(stage, measured, (Stopwatch.GetElapsedTime(wallStart), Process.GetCurrentProcess().TotalProcessorTime - cpuStart));
    }

    /// <summary>Measures the time spent inside the reward model.</summary>
    private sealed class TimedRewardModel(IRewardModel inner) : IRewardModel
    {
        private long _ticks;
        private TimeSpan _cpu;

        public string Version => inner.Version;

        public (TimeSpan Wall, TimeSpan Cpu) Elapsed => (TimeSpan.FromTicks(Interlocked.Read(ref _ticks)), _cpu);

        public async ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var scores = await inner.ScoreAsync(context, critiques, cancellationToken).ConfigureAwait(false);
            _cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Interlocked.Add(ref _ticks, Stopwatch.GetElapsedTime(started).Ticks);
            return scores;
        }
    }

    /// <summary>A sampler whose every sample costs a model call of fixed latency; a call's samples are concurrent, as n parallel requests are.</summary>
    private sealed class SlowSampler(ICritiqueSampler inner, TimeSpan latency) : ICritiqueSampler
    {
        private int _calls;

        public int Calls => _calls;

        public SamplerStats Stats => inner.Stats;

        public async Task<IReadOnlyList<Critique>> SampleAsync(Critique prefix, int count, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Delay(latency, cancellationToken))).ConfigureAwait(false);
            return await inner.SampleAsync(prefix, count, cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
