using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Scoring;

namespace ReviewBot.Ranking;

/// <summary>Registers the reward model.</summary>
public static class RankingServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="IRewardModel"/> the ONNX model at <c>Ranking:ModelPath</c>, else the shipped
    /// <c>reward-model.onnx</c>, else <see cref="HeuristicRewardModel"/> (see <see cref="RewardModelFactory"/>).
    /// Replaces an earlier <see cref="IRewardModel"/> registration. When the model is an ONNX file, the singleton is a
    /// <see cref="ReloadableRewardModel"/>: cast to it for <see cref="ReloadableRewardModel.ReloadAsync"/>.
    /// </summary>
    public static IServiceCollection AddReviewBotRanking(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.Replace(ServiceDescriptor.Singleton<IRewardModel>(sp => RewardModelFactory.Create(
            configuration[$"{RankingOptions.SectionName}:{nameof(RankingOptions.ModelPath)}"],
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<TimeProvider>())));
        return services;
    }
}
