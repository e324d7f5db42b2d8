using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Jobs;

namespace ReviewBot.RepositoryConfig;

/// <summary>Registers per-repository configuration (<c>.github/reviewbot.yml</c>).</summary>
public static class RepositoryConfigServices
{
    public static IServiceCollection AddReviewBotRepositoryConfig(this IServiceCollection services)
    {
        services.AddOptions<RepositoryConfigOptions>().BindConfiguration(RepositoryConfigOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<RepositoryConfigLoader>();
        services.TryAddSingleton<ConfigNoticePublisher>();
        services.TryAddSingleton<ReviewSettingsResolver>();

        // A repository may turn the language model off: the offline critic stays at hand even when the LLM critic is the default.
        services.TryAddSingleton<OfflineCritic>();
        services.TryAddKeyedSingleton(ReviewJobRunner.OfflinePipelineKey, static (sp, _) => new ReviewPipeline(
            sp.GetRequiredService<OfflineCritic>(),
            sp.GetRequiredService<IRewardModel>(),
            sp.GetRequiredService<IOptions<RankingOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
