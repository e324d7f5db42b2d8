using System.CommandLine;
using ReviewBot.Ranking.Scoring;
using ReviewBot.Ranking.Training;
using Spectre.Console;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot rm train|info</c>: train the reward model from preference pairs, and inspect a model file.</summary>
internal static class RmCommand
{
    public static Command Create()
    {
        var rm = new Command("rm", "Train and inspect the reward model (ONNX).");
        rm.Subcommands.Add(CreateTrain());
        rm.Subcommands.Add(CreateInfo());
        rm.Subcommands.Add(CreateFeatures());
        return rm;
    }

    private static Command CreateTrain()
    {
        var defaults = new RewardModelTrainingOptions();
        var data = new Option<FileInfo>("--data") { Description = "reward-pairs JSONL file.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "ONNX file to write.", Required = true };
        var holdout = new Option<double>("--holdout") { Description = "Share of groups held out (default 0.2).", DefaultValueFactory = _ => defaults.Holdout };
        var seed = new Option<int>("--seed") { Description = "Seed of split, initial weights and order (default 0).", DefaultValueFactory = _ => defaults.Seed };
        var model = new Option<RewardModelKind>("--model") { Description = "linear (default) or mlp.", DefaultValueFactory = _ => defaults.Model };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (default 200).", DefaultValueFactory = _ => defaults.Epochs };
        var l2 = new Option<double>("--l2") { Description = "L2 penalty on weights (default 1e-4).", DefaultValueFactory = _ => defaults.L2 };
        var rate = new Option<double>("--learning-rate") { Description = "Adam step size (default 0.01).", DefaultValueFactory = _ => defaults.LearningRate };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units of the MLP (default 32).", DefaultValueFactory = _ => defaults.Hidden };
        var command = new Command("train", "Train a reward model on reward-pairs and write it as ONNX.") { data, output, holdout, seed, model, epochs, l2, rate, hidden };
        command.SetAction((parse, cancellationToken) => TrainAsync(
            parse.GetValue(data)!,
            parse.GetValue(output)!,
            new RewardModelTrainingOptions
            {
                Holdout = parse.GetValue(holdout),
                Seed = parse.GetValue(seed),
                Model = parse.GetValue(model),
                Epochs = parse.GetValue(epochs),
                L2 = parse.GetValue(l2),
                LearningRate = parse.GetValue(rate),
                Hidden = parse.GetValue(hidden),
            },
            Console.Out,
            Console.Error,
            cancellationToken));
        return command;
    }

    private static Command CreateInfo()
    {
        var model = new Argument<FileInfo>("MODEL") { Description = "An ONNX reward model file." };
        var command = new Command("info", "Print a reward model's metadata and input/output shapes.") { model };
        command.SetAction(parse =>
        {
            var (text, error) = RewardModelInfo.Describe(parse.GetValue(model)!.FullName);
            if (error is not null)
            {
                Console.Error.WriteLine($"reviewbot rm info: {error}");
                return 2;
            }

            Console.Out.Write(text);
            return 0;
        });
        return command;
    }

    private static Command CreateFeatures()
    {
        var data = new Option<FileInfo>("--data") { Description = "reward-pairs JSONL file.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "JSONL file of feature vectors to write.", Required = true };
        var command = new Command("features", "Write each pair's critique-features vectors as JSONL, to train a reward model with other tools.") { data, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(data)!;
            try
            {
                var bytes = await File.ReadAllBytesAsync(input.FullName, cancellationToken).ConfigureAwait(false);
                await using var stream = File.Create(parse.GetValue(output)!.FullName);
                var dataset = PairFeatureExport.Write(bytes, stream);
                foreach (var bad in dataset.Errors)
                {
                    await Console.Error.WriteLineAsync($"reviewbot rm features: {input.Name} {bad}").ConfigureAwait(false);
                }

                await Console.Out.WriteLineAsync($"{dataset.Examples.Count} pair(s) written, {dataset.Errors.Count} bad line(s); features {ReviewBot.Ranking.Features.CritiqueFeatureExtractor.Schema}").ConfigureAwait(false);
                return dataset.Examples.Count > 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"reviewbot rm features: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }

    internal static async Task<int> TrainAsync(FileInfo data, FileInfo output, RewardModelTrainingOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            await stderr.WriteLineAsync("reviewbot rm train: " + string.Join("; ", problems.Select(static p => p.ErrorMessage))).ConfigureAwait(false);
            return 2;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(data.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"reviewbot rm train: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        RewardModelTrainingResult? result = null;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask("training", maxValue: options.Epochs);
            result = RewardModelTraining.Run(bytes, options, new InlineProgress(p =>
            {
                task.Value = p.Epoch;
                task.Description = p.HeldOutAccuracy is { } accuracy
                    ? $"epoch {p.Epoch}: loss {p.TrainLoss:0.0000}, held-out accuracy {accuracy:0.000}"
                    : $"epoch {p.Epoch}: loss {p.TrainLoss:0.0000}";
            }), cancellationToken);
            task.Value = task.MaxValue;
        });

        foreach (var bad in result!.BadLines.Take(20))
        {
            await stderr.WriteLineAsync($"reviewbot rm train: {data.Name} {bad}").ConfigureAwait(false);
        }

        if (result.BadLines.Count > 20)
        {
            await stderr.WriteLineAsync($"reviewbot rm train: … and {result.BadLines.Count - 20} more bad line(s)").ConfigureAwait(false);
        }

        if (result.Model is null)
        {
            await stderr.WriteLineAsync($"reviewbot rm train: nothing to train on: {result.Error}").ConfigureAwait(false);
            return 1;
        }

        // Write beside the target and rename over it, so a server watching the file never reads half a model.
        Directory.CreateDirectory(output.DirectoryName ?? ".");
        var temporary = output.FullName + ".tmp";
        await File.WriteAllBytesAsync(temporary, result.Model, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, output.FullName, overwrite: true);
        await stdout.WriteAsync(result.Report!.Format()).ConfigureAwait(false);
        await stdout.WriteLineAsync($"wrote {output.FullName}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Reports on the training thread itself (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
