using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ReviewBot.Analysis.Tampering;

namespace ReviewBot.Cli.Eval;

/// <summary><c>reviewbot eval tamper|commits</c>: measure how many real bugs ReviewBot catches and how often it cries wolf.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var eval = new Command("eval", "Measure review quality: inserted bugs caught (CBI), hallucinations, silence on harmless changes.");
        eval.Subcommands.Add(CreateTamper());
        eval.Subcommands.Add(CreateCommits());
        return eval;
    }

    private static Command CreateTamper()
    {
        var defaults = new TamperOptions();
        var source = new Option<DirectoryInfo>("--source") { Description = "A folder of C# (a project or a repository's working tree) to insert bugs into.", Required = true };
        var count = new Option<int>("--count") { Description = "Bugs to insert (default 50).", DefaultValueFactory = _ => defaults.Count };
        var controls = new Option<int?>("--controls") { Description = "Untampered controls with harmless edits only (default: a quarter of --count)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the tampering and of the search (default 0).", DefaultValueFactory = _ => 0 };
        var kinds = new Option<IReadOnlyList<MutationKind>>("--kinds") { Description = "Comma-separated kinds of bug (default all): " + string.Join(", ", MutationKinds.All.Select(MutationKinds.Id)), CustomParser = ParseKinds };
        var partition = new Option<FilePartition>("--partition") { Description = "all (default), train or test: one half of the files by a hash of their path.", DefaultValueFactory = _ => FilePartition.All };
        var critic = new Option<EvalCritic>("--critic") { Description = "offline (default) or llm (the configured model).", DefaultValueFactory = _ => EvalCritic.Offline };
        var rewardModel = new Option<string>("--reward-model") { Description = "default (what review uses), heuristic, or an ONNX file.", DefaultValueFactory = _ => "default" };
        var lengthModifier = new Option<double?>("--length-modifier") { Description = "λ of the default setting (default: Ranking:LengthModifier)." };
        var sweep = new Option<bool>("--sweep") { Description = "Also measure every λ and target percentile, for FSBS and best-of-N, and draw the curve." };
        var lambdas = new Option<IReadOnlyList<double>>("--lambdas") { Description = "λ values of --sweep (default -2,-1,-0.5,-0.25,0,0.25,0.5,1,2).", CustomParser = ParseNumbers };
        var format = new Option<ReviewFormat>("--format") { Description = "markdown (default) or json.", DefaultValueFactory = _ => ReviewFormat.Markdown };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for report.md, report.json, patches/ID.patch and (with --sweep) sweep.svg." };
        var emitPairs = new Option<FileInfo>("--emit-pairs") { Description = "Write cold-start reward-model pairs (reward-pairs JSONL) to this file." };
        var parallel = new Option<int>("--parallel") { Description = "Reviews run at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noJudge = new Option<bool>("--no-judge") { Description = "Do not ask a configured LLM to judge whether comments explain the bug." };
        var (llmEndpoint, llmModel, llmMode) = LlmOptions();
        AtLeast(count, 1);
        AtLeast(controls, 0);
        AtLeast(parallel, 1);
        var command = new Command("tamper", "Insert known bugs into C# code, review each change with the full pipeline and report CBI and hallucinations.")
        {
            source, count, controls, seed, kinds, partition, critic, rewardModel, lengthModifier, sweep, lambdas, format, output, emitPairs, parallel, noJudge, llmEndpoint, llmModel, llmMode,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(lengthModifier) is not null && result.GetValue(sweep))
            {
                result.AddError("Give either --length-modifier or --sweep (the sweep measures every λ).");
            }

            ValidateLlm(result, llmEndpoint, llmModel);
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = Configuration(parse, llmEndpoint, llmModel, llmMode, parse.GetValue(seed), parse.GetValue(lengthModifier));
            var request = new TamperEvalRequest
            {
                Source = parse.GetValue(source)!,
                Tampering = new TamperOptions
                {
                    Count = parse.GetValue(count),
                    Controls = parse.GetValue(controls),
                    Seed = parse.GetValue(seed),
                    Kinds = parse.GetValue(kinds) ?? [],
                    Partition = parse.GetValue(partition),
                },
                Critic = parse.GetValue(critic),
                RewardModel = parse.GetValue(rewardModel)!,
                Sweep = parse.GetValue(sweep),
                Lambdas = parse.GetValue(lambdas) ?? RunSetting.DefaultLambdas,
                Format = parse.GetValue(format),
                Out = parse.GetValue(output),
                EmitPairs = parse.GetValue(emitPairs),
                Parallelism = parse.GetValue(parallel),
                Judge = !parse.GetValue(noJudge),
            };
            return await TamperEvaluation.RunAsync(request, configuration, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateCommits()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "A local git repository.", Required = true };
        var revs = new Option<string>("--revs") { Description = "The commits to review, e.g. v1.0..main or HEAD~50..HEAD.", Required = true };
        var max = new Option<int>("--max") { Description = "Most commits (the newest of the range; default 200).", DefaultValueFactory = _ => 200 };
        var critic = new Option<EvalCritic>("--critic") { Description = "offline (default) or llm.", DefaultValueFactory = _ => EvalCritic.Offline };
        var rewardModel = new Option<string>("--reward-model") { Description = "default, heuristic, or an ONNX file.", DefaultValueFactory = _ => "default" };
        var format = new Option<ReviewFormat>("--format") { Description = "markdown (default) or json.", DefaultValueFactory = _ => ReviewFormat.Markdown };
        var parallel = new Option<int>("--parallel") { Description = "Reviews run at once (default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var (llmEndpoint, llmModel, llmMode) = LlmOptions();
        AtLeast(max, 1);
        AtLeast(parallel, 1);
        var command = new Command("commits", "Review real commits: bug fixes in reverse (is the bug flagged?), others as they are (how much is said?).")
        {
            repo, revs, max, critic, rewardModel, format, parallel, llmEndpoint, llmModel, llmMode,
        };
        command.Validators.Add(result =>
        {
            ValidateLlm(result, llmEndpoint, llmModel);
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var request = new CommitsEvalRequest
            {
                Repo = parse.GetValue(repo)!,
                Revs = parse.GetValue(revs)!,
                Max = parse.GetValue(max),
                Critic = parse.GetValue(critic),
                RewardModel = parse.GetValue(rewardModel)!,
                Format = parse.GetValue(format),
                Parallelism = parse.GetValue(parallel),
            };
            return await CommitEvaluation.RunAsync(request, Configuration(parse, llmEndpoint, llmModel, llmMode, seed: null, lengthModifier: null), Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static (Option<Uri> Endpoint, Option<string> Model, Option<string> Mode) LlmOptions()
    {
        var endpoint = new Option<Uri>("--llm-endpoint") { CustomParser = CliParsers.AbsoluteHttpUri, Description = "An OpenAI-compatible server for --critic llm (and the judge)." };
        var model = new Option<string>("--llm-model") { Description = "The model at --llm-endpoint." };
        var mode = new Option<string>("--llm-mode") { Description = "chat (default) or completions." };
        mode.AcceptOnlyFromAmong("chat", "completions");
        return (endpoint, model, mode);
    }

    private static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int>() < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}.");
        }
    });

    private static void AtLeast(Option<int?> option, int minimum) => option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<int?>() < minimum)
        {
            result.AddError($"{option.Name} must be at least {minimum}.");
        }
    });

    private static void ValidateLlm(CommandResult result, Option<Uri> endpoint, Option<string> model)
    {
        // GetResult, not GetValue: a value that failed to parse has already reported its own error.
        if ((result.GetResult(endpoint) is null) != (result.GetResult(model) is null))
        {
            result.AddError("--llm-endpoint and --llm-model go together.");
        }
    }

    private static IConfiguration Configuration(ParseResult parse, Option<Uri> endpoint, Option<string> model, Option<string> mode, int? seed, double? lengthModifier)
    {
        var overrides = new Dictionary<string, string?>();
        if (seed is { } s)
        {
            overrides["Ranking:Seed"] = s.ToString(CultureInfo.InvariantCulture);
        }

        if (lengthModifier is { } l)
        {
            overrides["Ranking:LengthModifier"] = l.ToString(CultureInfo.InvariantCulture);
        }

        if (parse.GetValue(endpoint) is { } uri)
        {
            overrides["Critic:Endpoint"] = uri.ToString();
            overrides["Critic:Model"] = parse.GetValue(model);
        }

        if (parse.GetValue(mode) is { } m)
        {
            overrides["Critic:Mode"] = m;
        }

        return CliConfiguration.Build(overrides);
    }

    private static List<MutationKind> ParseKinds(ArgumentResult result)
    {
        var kinds = new List<MutationKind>();
        foreach (var token in result.Tokens.SelectMany(static t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (MutationKinds.Parse(token) is { } kind)
            {
                kinds.Add(kind);
            }
            else
            {
                result.AddError($"'{token}' is not a kind of bug; known: {string.Join(", ", MutationKinds.All.Select(MutationKinds.Id))}.");
            }
        }

        return kinds;
    }

    private static List<double> ParseNumbers(ArgumentResult result)
    {
        var numbers = new List<double>();
        foreach (var token in result.Tokens.SelectMany(static t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= 100)
            {
                numbers.Add(value);
            }
            else
            {
                result.AddError($"'{token}' is not a number between -100 and 100.");
            }
        }

        return numbers;
    }
}
