using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Llm;

namespace ReviewBot.Llm;

/// <summary>Registers the LLM critic when <c>Critic:Endpoint</c> and <c>Critic:Model</c> are configured.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>The named <see cref="HttpClient"/> both clients use.</summary>
    public const string HttpClientName = "ReviewBot.Llm";

    /// <summary>
    /// With <c>Critic:Endpoint</c> and <c>Critic:Model</c> set: validates <see cref="CriticOptions"/> at start-up,
    /// registers the chat client (<see cref="IChatClient"/>), the completions client (<see cref="ITextCompletionClient"/>)
    /// and <see cref="LlmCritic"/> as the only <see cref="ICritic"/>. Otherwise registers nothing, and the offline
    /// critic stays. Call it after the registration of the offline critic.
    /// </summary>
    public static IServiceCollection AddReviewBotLlm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CriticOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section["Endpoint"]) || string.IsNullOrWhiteSpace(section["Model"]))
        {
            return services;
        }

        services.AddOptions<CriticOptions>().BindConfiguration(CriticOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CriticOptions>, CriticOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Requests are bounded by the critic's own per-request timeout; pooled connections still get recycled.
        services.AddHttpClient(HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<IChatClient>(static sp => CreateChatClient(
            sp.GetRequiredService<IOptions<CriticOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddSingleton<ITextCompletionClient>(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<CriticOptions>>().Value;
            return new OpenAiCompletionClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
                options.Endpoint!,
                options.Model!,
                options.ApiKey,
                options.MaxRetries,
                sp.GetRequiredService<ILogger<OpenAiCompletionClient>>());
        });

        services.RemoveAll<ICritic>();
        services.AddSingleton<ICritic, LlmCritic>();
        return services;
    }

    /// <summary>An <see cref="IChatClient"/> for <paramref name="options"/> over the OpenAI SDK, sending through <paramref name="http"/>.</summary>
    public static OpenAiChatClient CreateChatClient(CriticOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoint is null || string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("Critic:Endpoint and Critic:Model are required.", nameof(options));
        }

        var endpoint = OpenAiEndpoint.Normalize(options.Endpoint);
        var client = new ChatClient(options.Model, OpenAiChatClient.Credential(options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            Transport = new HttpClientPipelineTransport(http),
        });
        return new OpenAiChatClient(client, endpoint, options.Model);
    }
}
