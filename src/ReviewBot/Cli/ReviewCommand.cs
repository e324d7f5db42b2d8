using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Git;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot review</c>: review a patch file or a git range offline and print the review.</summary>
internal static class ReviewCommand
{
    public static Command Create()
    {
        var diff = new Option<FileInfo>("--diff") { Description = "A unified diff (git diff, git format-patch or GitHub .diff) to review." };
        var repo = new Option<DirectoryInfo>("--repo") { Description = "A local repository: whole files for context; with --base, the change to review." };
        var baseRev = new Option<string>("--base") { Description = "Review the range --base..--head of --repo." };
        var headRev = new Option<string>("--head") { Description = "Head revision of the range (default HEAD)." };
        var format = new Option<ReviewFormat>("--format") { Description = "markdown (default) or json.", DefaultValueFactory = _ => ReviewFormat.Markdown };
        var lengthModifier = new Option<double?>("--length-modifier") { Description = "λ: larger favours more comments, smaller fewer." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the search (default 0)." };
        var maxComments = new Option<int?>("--max-comments") { Description = "Most inline comments (default 4)." };
        var llmEndpoint = new Option<Uri>("--llm-endpoint") { CustomParser = CliParsers.AbsoluteHttpUri, Description = "An OpenAI-compatible server (OpenAI, Azure, Ollama, vLLM, llama.cpp); default: the offline critic." };
        var llmModel = new Option<string>("--llm-model") { Description = "The model at --llm-endpoint." };
        var llmMode = new Option<string>("--llm-mode") { Description = "chat (default: emulated forcing) or completions (raw /v1/completions forcing)." };
        llmMode.AcceptOnlyFromAmong("chat", "completions");

        var command = new Command("review", "Review a change offline and print the review ReviewBot would post.")
        {
            diff, repo, baseRev, headRev, format, lengthModifier, seed, maxComments, llmEndpoint, llmModel, llmMode,
        };
        command.Validators.Add(result =>
        {
            var hasDiff = result.GetValue(diff) is not null;
            var hasRange = result.GetValue(baseRev) is not null;
            if (hasDiff == hasRange)
            {
                result.AddError("Give either --diff FILE or --repo DIR --base REV.");
            }
            else if (hasRange && result.GetValue(repo) is null)
            {
                result.AddError("--base needs --repo DIR.");
            }

            // GetResult, not GetValue: a value that failed to parse has already reported its own error.
            if ((result.GetResult(llmEndpoint) is null) != (result.GetResult(llmModel) is null))
            {
                result.AddError("--llm-endpoint and --llm-model go together.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            AddOverride(overrides, "Ranking:LengthModifier", parse.GetValue(lengthModifier));
            AddOverride(overrides, "Ranking:Seed", parse.GetValue(seed));
            AddOverride(overrides, "Ranking:MaxComments", parse.GetValue(maxComments));
            if (parse.GetValue(llmEndpoint) is { } endpoint)
            {
                overrides["Critic:Endpoint"] = endpoint.ToString();
                overrides["Critic:Model"] = parse.GetValue(llmModel);
            }

            if (parse.GetValue(llmMode) is { } mode)
            {
                overrides["Critic:Mode"] = mode;
            }

            var request = new ReviewRequest(parse.GetValue(diff), parse.GetValue(repo), parse.GetValue(baseRev), parse.GetValue(headRev));
            return await RunAsync(request, parse.GetValue(format), CliConfiguration.Build(overrides), Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    internal sealed record ReviewRequest(FileInfo? Diff, DirectoryInfo? Repo, string? Base, string? Head);

    internal static async Task<int> RunAsync(ReviewRequest request, ReviewFormat format, IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ChangeContext context;
        try
        {
            context = await LoadAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or GitCommandException)
        {
            await error.WriteLineAsync($"reviewbot review: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await using var services = CliConfiguration.BuildPipelineServices(configuration);
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("reviewbot review: invalid configuration:\n  " + string.Join("\n  ", ex.Failures)).ConfigureAwait(false);
            return 2;
        }

        var pipeline = services.GetRequiredService<ReviewPipeline>();
        var review = await pipeline.RunAsync(context, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(ReviewOutput.Render(review, format)).ConfigureAwait(false);
        if (review.Stats.CriticUnavailable)
        {
            await error.WriteLineAsync($"reviewbot review: the model answered none of {review.Stats.Requests} request(s) usably ({review.Provenance.Critic}); this review says nothing about the change.").ConfigureAwait(false);
            return 3;
        }

        return 0;
    }

    private static async Task<ChangeContext> LoadAsync(ReviewRequest request, CancellationToken cancellationToken)
    {
        var repository = request.Repo is null ? null : new LocalGitRepository(request.Repo.FullName);
        if (repository is not null && !Directory.Exists(repository.Directory))
        {
            throw new IOException($"repository directory '{request.Repo!.FullName}' does not exist");
        }

        if (request.Diff is not null)
        {
            if (!request.Diff.Exists)
            {
                throw new FileNotFoundException($"diff file '{request.Diff.FullName}' does not exist");
            }

            var parsed = UnifiedDiffParser.Parse(await File.ReadAllBytesAsync(request.Diff.FullName, cancellationToken).ConfigureAwait(false));
            var files = repository is null
                ? EmptyFileSource.Instance
                : repository.FilesAt(LocalGitRepository.IsRepository(repository.Directory) ? "HEAD" : null, headRevision: null);
            return new ChangeContext { Diff = Diff(parsed, request.Diff.Name), Files = files };
        }

        var head = request.Head ?? "HEAD";
        var baseSha = await repository!.ResolveAsync(request.Base!, cancellationToken).ConfigureAwait(false);
        var headSha = await repository.ResolveAsync(head, cancellationToken).ConfigureAwait(false);
        var bytes = await repository.DiffAsync(baseSha, headSha, cancellationToken).ConfigureAwait(false);
        return new ChangeContext { Diff = Diff(UnifiedDiffParser.Parse(bytes), $"{request.Base}..{head}"), Files = repository.FilesAt(baseSha, headSha) };
    }

    private static UnifiedDiff Diff(DiffParseResult parsed, string source) =>
        parsed.Diff ?? throw new InvalidDataException($"{source} is not a valid unified diff ({parsed.Error})");

    private static void AddOverride<T>(Dictionary<string, string?> overrides, string key, T? value)
        where T : struct, IFormattable
    {
        if (value is { } v)
        {
            overrides[key] = v.ToString(null, CultureInfo.InvariantCulture);
        }
    }
}
