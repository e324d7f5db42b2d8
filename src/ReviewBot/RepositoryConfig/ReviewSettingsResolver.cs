using System.Text.Json;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.Core.Ranking;
using ReviewBot.Data.Feedback;
using ReviewBot.Data.Settings;
using ReviewBot.GitHub.Rest;
using ReviewBot.Jobs;
using ReviewBot.Webhooks;

namespace ReviewBot.RepositoryConfig;

/// <summary>Everything a review run takes from its repository's settings.</summary>
public sealed record ReviewSettings
{
    public required RepositoryConfig Config { get; init; }

    /// <summary>The change with excluded files moved to <see cref="ChangeContext.Skipped"/> and the maintainers' guidance attached.</summary>
    public required ChangeContext Context { get; init; }

    /// <summary>The server's ranking options with the repository's overrides.</summary>
    public required RankingOptions Ranking { get; init; }

    /// <summary>The repository turned the language model off: review with the offline critic.</summary>
    public bool UseOfflineCritic { get; init; }

    /// <summary>Why this pull request is not to be reviewed, or null.</summary>
    public string? SkipReason { get; init; }

    /// <summary>The settings could not be read for now; the run should be retried.</summary>
    public string? RetryReason { get; init; }

    /// <summary>What is stored with the run: ranking options, repository settings, the files they came from, the critic.</summary>
    public required string EffectiveConfigJson { get; init; }
}

/// <summary>The effective configuration stored with each review run.</summary>
public sealed record EffectiveReviewConfig
{
    public required RankingOptions Ranking { get; init; }

    public RepositoryConfig? Repository { get; init; }

    public IReadOnlyList<ConfigFile> Files { get; init; } = [];

    public string? Critic { get; init; }
}

/// <summary>
/// Applies a repository's settings to one review run, inside the job: reads them at the pull request's base commit,
/// explains an invalid file once, remembers them for the webhook intake and the export, and decides whether, with
/// which critic and options, and over which files the review runs.
/// </summary>
public sealed class ReviewSettingsResolver(
    RepositoryConfigLoader loader,
    ConfigNoticePublisher notices,
    RepositorySettingsStore settingsStore,
    FeedbackStore feedback,
    ReviewPipeline pipeline,
    IOptions<RankingOptions> ranking,
    IOptionsMonitor<WebhookOptions> webhooks)
{
    /// <summary>The reason recorded for files the repository's settings leave out.</summary>
    public const string ExcludedReason = "excluded by .github/reviewbot.yml";

    /// <summary>The configuration stored when a run starts, before the repository's own settings are known.</summary>
    public string ServerConfigJson() => Serialize(new EffectiveReviewConfig { Ranking = ranking.Value });

    public async Task<ReviewSettings> ResolveAsync(ReviewTarget target, ChangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(context);
        var call = new GitHubCall(target.InstallationId, target.DeliveryId);
        var baseRef = context.PullRequest?.BaseSha ?? "";
        var resolved = baseRef.Length == 0
            ? ResolvedRepositoryConfig.Defaults
            : await loader.LoadAsync(call, target.Repository, baseRef, cancellationToken).ConfigureAwait(false);
        if (resolved.Failure is not null)
        {
            return new ReviewSettings
            {
                Config = resolved.Config,
                Context = context,
                Ranking = ranking.Value,
                RetryReason = "will retry: the repository's configuration could not be read: " + resolved.FailureReason,
                EffectiveConfigJson = ServerConfigJson(),
            };
        }

        foreach (var invalid in resolved.InvalidFiles)
        {
            await notices.PostOnceAsync(target, invalid, cancellationToken).ConfigureAwait(false);
        }

        var config = resolved.Config;
        var useOffline = config.Llm == false && pipeline.Critic is not OfflineCritic;
        var options = Override(ranking.Value, config);
        var json = Serialize(new EffectiveReviewConfig
        {
            Ranking = options,
            Repository = config,
            Files = resolved.Files,
            Critic = useOffline ? "offline" : pipeline.Critic.Name,
        });
        await settingsStore.SaveAsync(target.Repository, config.Drafts, config.TrainingOptOut, json, cancellationToken).ConfigureAwait(false);

        // The dataset export leaves out every repository whose settings opt out, its past reviews included.
        await feedback.SetTrainingOptOutAsync(target.Repository, config.TrainingOptOut, cancellationToken).ConfigureAwait(false);
        return new ReviewSettings
        {
            Config = config,
            Context = Filter(context, config),
            Ranking = options,
            UseOfflineCritic = useOffline,
            SkipReason = SkipReason(target, context.PullRequest, config),
            EffectiveConfigJson = json,
        };
    }

    /// <summary>
    /// Why not to review. A disabled repository is never reviewed; drafts, authors and labels the settings skip are
    /// reviewed when someone with write access asks for it (<c>@reviewbot review</c>).
    /// </summary>
    private string? SkipReason(ReviewTarget target, PullRequestInfo? pr, RepositoryConfig config)
    {
        if (!config.Enabled)
        {
            return "reviews are turned off by the repository's configuration (enabled: false)";
        }

        if (pr is null || target.Rerun is not null)
        {
            return null;
        }

        if (pr.IsDraft && !(config.Drafts ?? webhooks.CurrentValue.ReviewDrafts))
        {
            return "draft pull request";
        }

        if (pr.Author is { } author && config.SkipAuthors.Contains(author, StringComparer.OrdinalIgnoreCase))
        {
            return $"pull requests by {author} are skipped by the repository's configuration";
        }

        return pr.Labels.FirstOrDefault(l => config.SkipLabels.Contains(l, StringComparer.OrdinalIgnoreCase)) is { } label
            ? $"the label '{label}' is skipped by the repository's configuration"
            : null;
    }

    /// <summary>Moves files the settings exclude to the skipped list, and attaches the guidance for the files that stay.</summary>
    internal static ChangeContext Filter(ChangeContext context, RepositoryConfig config)
    {
        var filter = new PathFilter(config);
        var kept = context.Diff.Files.Where(f => filter.Includes(f.Path)).ToList();
        var excluded = context.Diff.Files.Where(f => !filter.Includes(f.Path)).Select(static f => new SkippedFile(f.Path, ExcludedReason));
        var guidance = config.Instructions
            .Select(i => new MaintainerGuidance([.. kept.Select(static f => f.Path).Where(p => PathFilter.MatchesAny(i.Paths, p))], i.Text))
            .Where(static g => g.Paths.Count > 0)
            .ToList();
        return context with
        {
            Diff = kept.Count == context.Diff.Files.Count ? context.Diff : context.Diff with { Files = kept },
            Skipped = [.. context.Skipped, .. excluded],
            Guidance = guidance,
        };
    }

    internal static RankingOptions Override(RankingOptions server, RepositoryConfig config)
    {
        var lengthSet = config.LengthModifier is not null || config.TargetLengthPercentile is not null;
        return new RankingOptions
        {
            ModelPath = server.ModelPath,
            LengthModifier = config.LengthModifier ?? server.LengthModifier,
            TargetLengthPercentile = lengthSet ? config.TargetLengthPercentile : server.TargetLengthPercentile,
            SamplesPerRound = server.SamplesPerRound,
            BeamWidth = server.BeamWidth,
            Rounds = server.Rounds,
            Mode = server.Mode,
            MaxComments = config.MaxComments ?? server.MaxComments,
            MinScore = server.MinScore,
            Seed = server.Seed,
        };
    }

    private static string Serialize(EffectiveReviewConfig config) => JsonSerializer.Serialize(config, JobsJsonContext.Default.EffectiveReviewConfig);
}
