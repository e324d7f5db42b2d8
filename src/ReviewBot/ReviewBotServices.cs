using Microsoft.Extensions.Options;
using ReviewBot.Admin;
using ReviewBot.Analysis;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Storage;
using ReviewBot.Data;
using ReviewBot.Data.Deliveries;
using ReviewBot.Data.Migrations;
using ReviewBot.Data.Reviews;
using ReviewBot.GitHub;
using ReviewBot.Jobs;
using ReviewBot.Jobs.Feedback;
using ReviewBot.Llm;
using ReviewBot.Ranking;
using ReviewBot.Webhooks;

namespace ReviewBot;

/// <summary>Which parts of ReviewBot a <c>serve</c> process runs.</summary>
public enum ServeRole
{
    /// <summary>Receive webhooks and run jobs (default; one machine).</summary>
    All,

    /// <summary>Receive webhooks and queue jobs; never run them.</summary>
    Web,

    /// <summary>Run queued jobs; answer only health checks.</summary>
    Worker,
}

/// <summary>Service registration for every ReviewBot entry point.</summary>
public static class ReviewBotServices
{
    /// <summary>What every command needs: options, storage, the critic, the reward model and the pipeline.</summary>
    public static IServiceCollection AddReviewBotPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RankingOptions>, RankingOptionsValidator>();
        services.AddOptions<CriticOptions>().BindConfiguration(CriticOptions.SectionName);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddReviewBotRanking(configuration);
        services.AddSingleton<ICritic, OfflineCritic>();
        services.AddReviewBotAnalysis();

        // With Critic:Endpoint and Critic:Model set, the LLM critic replaces the offline one.
        services.AddReviewBotLlm(configuration);
        services.AddSingleton<ReviewPipeline>();
        return services;
    }

    /// <summary>The storage of reviews and deliveries.</summary>
    public static IServiceCollection AddReviewBotStorage(this IServiceCollection services)
    {
        services.AddSingleton<ReviewBotDatabase>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<IReviewStore, ReviewStore>();
        services.AddHostedService<DatabaseMigrationService>();
        return services;
    }

    /// <summary>The <c>serve</c> host: webhook intake, durable jobs and health checks for <paramref name="role"/>.</summary>
    public static IServiceCollection AddReviewBot(this IServiceCollection services, IConfiguration configuration, ServeRole role)
    {
        services.AddReviewBotPipeline(configuration);
        services.AddReviewBotStorage();

        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .Configure(o => o.Secret ??= configuration["GitHub:WebhookSecret"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<IWebhookHandler, PullRequestReviewTrigger>();

        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReviewQueue, QuartzReviewQueue>();
        services.AddReviewBotGitHub(configuration);
        services.AddTransient<ReviewJobRunner>();
        services.AddReviewBotQuartz(configuration, runJobs: role != ServeRole.Web);
        services.AddReviewBotFeedback(configuration);

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication MapReviewBot(this WebApplication app, ServeRole role)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (role != ServeRole.Worker)
        {
            app.MapPost(WebhookEndpoint.Path, (HttpContext http, WebhookEndpoint endpoint) => endpoint.HandleAsync(http));
        }

        app.MapReviewBotAdmin();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapHealthChecks("/readyz");
        return app;
    }
}
