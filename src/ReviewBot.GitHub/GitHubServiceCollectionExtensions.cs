using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Auth;
using ReviewBot.GitHub.Publishing;
using ReviewBot.GitHub.RateLimiting;
using ReviewBot.GitHub.Rest;
using ReviewBot.GitHub.Sources;

namespace ReviewBot.GitHub;

/// <summary>Registers ReviewBot's GitHub integration.</summary>
public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Options (section <c>GitHub</c>, validated at start-up), the HTTP client, rate limiter, write gate, token
    /// cache, REST client, <see cref="IPullRequestSource"/> (always GitHub) and <see cref="IReviewPublisher"/>
    /// (<see cref="GitHubReviewPublisher"/> with credentials, <see cref="DryRunPublisher"/> without). Call it after
    /// any other <see cref="IReviewPublisher"/> registration: the last one wins.
    /// </summary>
    public static IServiceCollection AddReviewBotGitHub(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GitHubOptions>()
            .Bind(configuration.GetSection(GitHubOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>());

        // Each attempt has its own timeout (GitHub:RequestTimeout); the client's own would cut retries short.
        services.AddHttpClient(GitHubConnection.HttpClientName, static http => http.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<AppJwt>();
        services.TryAddSingleton<InstallationTokenCache>();
        services.TryAddSingleton<RateLimitTracker>();
        services.TryAddSingleton<WriteGate>();
        services.TryAddSingleton<GitHubConnection>();
        services.TryAddSingleton<GitHubRestClient>();
        services.TryAddSingleton<GitHubPullRequestSource>();
        services.TryAddSingleton<GitHubReviewPublisher>();
        services.TryAddSingleton<DryRunPublisher>();

        services.AddSingleton<IPullRequestSource>(static sp => sp.GetRequiredService<GitHubPullRequestSource>());
        services.AddSingleton<IReviewPublisher>(static sp => sp.GetRequiredService<IOptions<GitHubOptions>>().Value.HasCredentials
            ? sp.GetRequiredService<GitHubReviewPublisher>()
            : sp.GetRequiredService<DryRunPublisher>());
        return services;
    }
}
