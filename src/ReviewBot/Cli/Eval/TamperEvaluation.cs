using System.Diagnostics;
using System.Globalization;
using System.Text;
using ReviewBot.Analysis.Tampering;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Ranking.RewardPairs;
using Spectre.Console;

namespace ReviewBot.Cli.Eval;

/// <summary>What <c>reviewbot eval tamper</c> was asked to do.</summary>
internal sealed record TamperEvalRequest
{
    public required DirectoryInfo Source { get; init; }

    public TamperOptions Tampering { get; init; } = new();

    public EvalCritic Critic { get; init; } = EvalCritic.Offline;

    /// <summary><c>default</c>, <c>heuristic</c> or the path of an ONNX reward model.</summary>
    public string RewardModel { get; init; } = "default";

    public bool Sweep { get; init; }

    public IReadOnlyList<double> Lambdas { get; init; } = RunSetting.DefaultLambdas;

    public IReadOnlyList<double> Percentiles { get; init; } = RunSetting.DefaultPercentiles;

    public ReviewFormat Format { get; init; } = ReviewFormat.Markdown;

    public DirectoryInfo? Out { get; init; }

    public FileInfo? EmitPairs { get; init; }

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public bool Judge { get; init; } = true;
}

/// <summary>
/// <c>reviewbot eval tamper</c>: insert known bugs into a folder's C# (plus untampered controls), review each change
/// with the full pipeline, and report how many bugs the posted comments caught and how often they cried wolf.
/// </summary>
internal static class TamperEvaluation
{
    public static async Task<int> RunAsync(TamperEvalRequest request, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        IReadOnlyList<SourceFile> files;
        try
        {
            files = SourceFolder.Load(request.Source.FullName, request.Tampering.MaxFileBytes, request.Tampering.Partition);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"reviewbot eval tamper: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        if (files.Count == 0)
        {
            await stderr.WriteLineAsync($"reviewbot eval tamper: no C# files under '{request.Source.FullName}'").ConfigureAwait(false);
            return 2;
        }

        var (environment, error) = EvalEnvironment.Create(configuration, request.Critic, request.RewardModel, request.Judge);
        if (environment is null)
        {
            await stderr.WriteLineAsync($"reviewbot eval tamper: {error}").ConfigureAwait(false);
            return 2;
        }

        await using var _ = environment.ConfigureAwait(false);
        var ranking = environment.Ranking;
        var baseline = RunSetting.From(ranking);
        var settings = request.Sweep ? RunSetting.Sweep(baseline, request.Lambdas, request.Percentiles) : [baseline];
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        TamperSet? set = null;
        IReadOnlyList<CaseResult> results = [];
        List<EvalInput> inputs = [];
        long generationMs = 0, reviewMs = 0;
        await console.Progress().AutoClear(true).HideCompleted(false).StartAsync(async progress =>
        {
            var generating = progress.AddTask("inserting bugs", maxValue: 1).IsIndeterminate();
            set = await Task.Run(() => TamperGenerator.Generate(files, request.Tampering, cancellationToken), cancellationToken).ConfigureAwait(false);
            generationMs = clock.ElapsedMilliseconds;
            generating.IsIndeterminate(false).Value = 1;
            inputs = [.. set.All.Select(ToInput)];
            var reviewing = progress.AddTask($"reviewing {inputs.Count} changes", maxValue: inputs.Count);
            var runner = new EvalRunner(environment.Critic, environment.RewardModel, ranking, environment.Judge, request.Parallelism);
            results = await runner.RunAsync(inputs, settings, () => reviewing.Increment(1), cancellationToken).ConfigureAwait(false);
            reviewMs = clock.ElapsedMilliseconds - generationMs;
        }).ConfigureAwait(false);

        // Groups carry the seed, so that files from several runs (several seeds) can be concatenated.
        var contexts = inputs.ToDictionary(static i => i.Case.Id, static i => i.Context, StringComparer.Ordinal);
        var pairs = results.Select(r => (Context: contexts[r.Case.Id], Pairs: TamperPairs.Build(
            r.Case with { Id = string.Create(CultureInfo.InvariantCulture, $"seed{request.Tampering.Seed}/{r.Case.Id}") },
            contexts[r.Case.Id].Diff,
            r.Blocks))).ToList();
        var accuracy = await PairAccuracyAsync(environment.RewardModel, pairs, cancellationToken).ConfigureAwait(false);
        var report = Build(request, set!, results, settings, environment, accuracy, new TimingInfo(
            generationMs,
            reviewMs,
            clock.ElapsedMilliseconds,
            (long)Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
            results.Count,
            results.Count * settings.Distinct().Count(),
            request.Parallelism,
            results.Count == 0 ? 0 : reviewMs / (double)results.Count));
        await stdout.WriteAsync(EvalReportWriter.Render(report, request.Format)).ConfigureAwait(false);
        if (set!.Tampers.Count == 0)
        {
            await stderr.WriteLineAsync("reviewbot eval tamper: no bug could be inserted (no place for the kinds asked for, or none compiled); the figures are empty.").ConfigureAwait(false);
        }

        try
        {
            await WriteFilesAsync(request, report, inputs, pairs.SelectMany(static p => p.Pairs).ToList(), stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"reviewbot eval tamper: the report was printed but could not be saved: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        if (results.Count > 0 && results.All(static r => r.Review.Stats.CriticUnavailable))
        {
            await stderr.WriteLineAsync("reviewbot eval tamper: the model answered no request usably; these figures say nothing about the critic.").ConfigureAwait(false);
            return 3;
        }

        return 0;
    }

    private static async Task WriteFilesAsync(TamperEvalRequest request, EvalReport report, List<EvalInput> inputs, List<RewardPair> pairs, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (request.Out is not null)
        {
            Directory.CreateDirectory(request.Out.FullName);
            await File.WriteAllTextAsync(Path.Combine(request.Out.FullName, "report.md"), EvalReportWriter.Markdown(report), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(request.Out.FullName, "report.json"), EvalReportWriter.Render(report, ReviewFormat.Json), cancellationToken).ConfigureAwait(false);
            if (request.Sweep)
            {
                await File.WriteAllTextAsync(Path.Combine(request.Out.FullName, "sweep.svg"), EvalReportWriter.Chart(report), cancellationToken).ConfigureAwait(false);
            }

            // Each change as the pull request would show it, to read a miss or a false alarm in context.
            var patches = Directory.CreateDirectory(Path.Combine(request.Out.FullName, "patches"));
            foreach (var input in inputs)
            {
                await File.WriteAllTextAsync(Path.Combine(patches.FullName, input.Case.Id + ".patch"), input.Case.Patch, cancellationToken).ConfigureAwait(false);
            }
        }

        if (request.EmitPairs is not null)
        {
            Directory.CreateDirectory(request.EmitPairs.DirectoryName ?? ".");
            await using (var writer = new StreamWriter(request.EmitPairs.FullName, append: false, new UTF8Encoding(false)))
            {
                RewardPairsFile.Write(writer, pairs);
            }

            await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reviewbot eval tamper: wrote {pairs.Count} reward pairs from {inputs.Count} changes to {request.EmitPairs.FullName}")).ConfigureAwait(false);
        }
    }

    internal static EvalInput ToInput(Tamper tamper)
    {
        ArgumentNullException.ThrowIfNull(tamper);
        var parsed = UnifiedDiffParser.Parse(tamper.Patch);
        var diff = parsed.Diff ?? throw new InvalidDataException($"{tamper.Id}: the generated patch does not parse ({parsed.Error})");
        var evalCase = new EvalCase
        {
            Id = tamper.Id,
            Kind = tamper.Kind is { } kind ? MutationKinds.Id(kind) : null,
            Path = tamper.Path,
            Lines = tamper.Lines,
            HarmlessLines = tamper.HarmlessLines,
            Description = tamper.Description,
            Gold = tamper.Gold,
            Patch = tamper.Patch,
        };
        return new EvalInput(evalCase, new ChangeContext { Diff = diff, Files = new InMemoryFileSource(tamper.Path, tamper.Original, tamper.Changed) });
    }

    /// <summary>The share of pairs whose chosen critique <paramref name="model"/> scores higher; a tie counts half.</summary>
    internal static async Task<PairAccuracy> PairAccuracyAsync(IRewardModel model, IEnumerable<(ChangeContext Context, IReadOnlyList<RewardPair> Pairs)> cases, CancellationToken cancellationToken)
    {
        var count = 0;
        var right = 0.0;
        foreach (var (context, pairs) in cases)
        {
            if (pairs.Count == 0)
            {
                continue;
            }

            var critiques = pairs.SelectMany(static p => new[] { p.Chosen.ToCritique(), p.Rejected.ToCritique() }).ToList();
            var scores = await model.ScoreAsync(context, critiques, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < pairs.Count; i++)
            {
                var (chosen, rejected) = (scores[2 * i], scores[(2 * i) + 1]);
                right += chosen > rejected ? 1 : chosen == rejected ? 0.5 : 0;
                count++;
            }
        }

        return new PairAccuracy(count, count == 0 ? 0 : right / count);
    }

    private static EvalReport Build(TamperEvalRequest request, TamperSet set, IReadOnlyList<CaseResult> results, List<RunSetting> settings, EvalEnvironment environment, PairAccuracy pairs, TimingInfo timing)
    {
        var members = set.All.ToDictionary(static t => t.Id, static t => t.Member, StringComparer.Ordinal);
        var atDefault = results.Select(static r => (r.Case, r.Scores[0])).ToList();
        var sweep = request.Sweep
            ? settings.Skip(1).Select((s, i) => new SweepRow(s.ModeName, s.Label, s.LengthModifier, s.Percentile, EvalSummary.From([.. results.Select(r => (r.Case, r.Scores[i + 1]))]))).ToList()
            : [];
        var first = results.Count > 0 ? results[0].Review : null;
        return new EvalReport
        {
            Source = request.Source.Name,
            Seed = request.Tampering.Seed,
            Critic = first?.Provenance.Critic ?? environment.Critic.Name,
            RewardModel = first?.Provenance.RewardModel ?? environment.RewardModel.Version,
            Setting = $"{settings[0].ModeName} {settings[0].Label}",
            JudgePrompt = environment.Judge is null ? null : LlmJudge.PromptVersion,
            Generation = new GenerationInfo(set.Files, set.Tampers.Count, set.Controls.Count, set.RejectedByCompiler, set.Sites.ToDictionary(static p => MutationKinds.Id(p.Key), static p => p.Value, StringComparer.Ordinal)),
            Overall = EvalSummary.From(atDefault),
            ByKind = [.. EvalSummary.ByKind(atDefault).Select(static k => new KindRow(k.Kind, k.Summary))],
            Sweep = sweep,
            RewardModelPairs = pairs,
            Timing = timing,
            Cases = [.. results.Select(r => new CaseRow(
                r.Case.Id,
                r.Case.Kind,
                r.Case.Path,
                members.GetValueOrDefault(r.Case.Id),
                r.Case.Lines,
                r.Case.Description,
                r.Scores[0].Comments,
                r.Scores[0].Caught,
                r.Scores[0].Hallucinated,
                r.Scores[0].CandidateCaught,
                r.Scores[0].JudgedCaught,
                [.. r.Review.Comments.Select(static c => c.StartLine is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s}-{c.Line}") : c.Line.ToString(CultureInfo.InvariantCulture))]))],
        };
    }
}
