using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using ReviewBot.Data.Export;
using Spectre.Console;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot export</c>: maintainers' feedback as an RLHF dataset (TRL, OpenAI or reward-pairs layout).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = $"One of {string.Join(", ", ExportFormats.Names)}.", Required = true };
        format.AcceptOnlyFromAmong([.. ExportFormats.Names]);
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory for train.jsonl, test.jsonl and the dataset card README.md.", Required = true };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only comments posted on or after this date (e.g. 2026-01-31)." };
        var repository = new Option<string>("--repo") { Description = "Only this repository (owner/name)." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Share of pull requests in the test split (default 0.1).", DefaultValueFactory = _ => 0.1 };
        testFraction.Validators.Add(static r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1)
            {
                r.AddError("--test-fraction must lie between 0 and 1.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the split (default 0)." };
        var command = new Command("export", "Write maintainers' feedback on ReviewBot's comments as a preference dataset.") { format, output, since, repository, testFraction, seed };
        command.SetAction((parse, cancellationToken) => RunAsync(
            CliConfiguration.Build(),
            new DatasetExportRequest
            {
                Format = ExportFormats.Parse(parse.GetValue(format))!.Value,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Since = parse.GetValue(since),
                Repository = parse.GetValue(repository),
                TestFraction = parse.GetValue(testFraction),
                Seed = parse.GetValue(seed),
            },
            Console.Out,
            Console.Error,
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(IConfiguration configuration, DatasetExportRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await FeedbackCommand.BuildServicesAsync(configuration, withGitHub: false, cancellationToken).ConfigureAwait(false);
            var excluded = services.GetRequiredService<IOptions<ExportOptions>>().Value.ExcludedRepositories;
            request = request with { ExcludedRepositories = [.. request.ExcludedRepositories, .. excluded] };
            var exporter = services.GetRequiredService<DatasetExporter>();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
            ExportSummary? summary = null;
            await console.Progress().AutoClear(true).StartAsync(async context =>
            {
                var task = context.AddTask("exporting", maxValue: 1);
                summary = await exporter.ExportAsync(request, new InlineProgress(p =>
                {
                    task.MaxValue = Math.Max(1, p.PullRequestsTotal);
                    task.Value = p.PullRequestsDone;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.PullRequestsDone}/{p.PullRequestsTotal} pull requests, {p.Rows} rows");
                }), cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);

            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"export {ExportFormats.Name(request.Format)}: {summary!.TrainRows} train and {summary.TestRows} test row(s) from {summary.TrainPullRequests + summary.TestPullRequests} pull request(s) " +
                $"({summary.CommentsRead} comment(s) read, {summary.ExcludedPullRequests} pull request(s) excluded) in {request.OutputDirectory}")).ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("reviewbot export: invalid configuration:\n  " + string.Join("\n  ", ex.Failures)).ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"reviewbot export: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    /// <summary>Reports on the exporting thread itself (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
