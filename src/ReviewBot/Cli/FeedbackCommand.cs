using System.CommandLine;
using Microsoft.Extensions.Options;
using ReviewBot.Data;
using ReviewBot.Data.Migrations;
using ReviewBot.GitHub;
using ReviewBot.Jobs.Feedback;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot feedback sync</c>: one reaction poll pass by hand, outside the server's schedule.</summary>
internal static class FeedbackCommand
{
    public static Command Create()
    {
        var repository = new Option<string>("--repo") { Description = "Only this repository (owner/name)." };
        var sync = new Command("sync", "Poll reactions, replies and code changes on ReviewBot's recent comments once (uses GitHub credentials when configured, else anonymous access to GitHub:ApiBaseUrl).") { repository };
        sync.SetAction((parse, cancellationToken) => SyncAsync(CliConfiguration.Build(), parse.GetValue(repository), Console.Out, Console.Error, cancellationToken));
        var feedback = new Command("feedback", "Collect maintainers' feedback on ReviewBot's comments.");
        feedback.Subcommands.Add(sync);
        return feedback;
    }

    /// <summary>The storage, GitHub client and feedback services a one-shot command needs, on a migrated database.</summary>
    public static async Task<ServiceProvider> BuildServicesAsync(IConfiguration configuration, bool withGitHub, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations();
        services.AddReviewBotStorage();
        services.AddReviewBotFeedbackStorage(configuration);
        if (withGitHub)
        {
            services.AddReviewBotGitHub(configuration);
            services.AddSingleton<FeedbackPoller>();
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await provider.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        return provider;
    }

    internal static async Task<int> SyncAsync(IConfiguration configuration, string? repository, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            await using var services = await BuildServicesAsync(configuration, withGitHub: true, cancellationToken).ConfigureAwait(false);
            _ = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
            var result = await services.GetRequiredService<FeedbackPoller>().RunPassAsync(repository, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(
                $"feedback sync: {result.PullRequests} pull request(s), {result.Fetched} fetched, {result.NotModified} not modified (304), {result.Events} new event(s), {result.Failures} failure(s)"
                + (result.RateLimited ? "; stopped by the rate limit, run again later" : "")).ConfigureAwait(false);
            return result.RateLimited || result.Failures > 0 ? 1 : 0;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync("reviewbot feedback sync: invalid configuration:\n  " + string.Join("\n  ", ex.Failures)).ConfigureAwait(false);
            return 2;
        }
    }
}
