using Microsoft.Extensions.Options;
using ReviewBot.Data.Export;
using ReviewBot.Data.Feedback;
using ReviewBot.Webhooks;
using ReviewBot.Webhooks.Feedback;

namespace ReviewBot.Jobs.Feedback;

/// <summary>Registers feedback collection (webhook handlers, the poll job) and the stores and export it feeds.</summary>
public static class FeedbackServiceCollectionExtensions
{
    /// <summary>
    /// Options <c>Feedback</c> and <c>Export</c> (validated at start-up), ReviewBot's bot identity
    /// (<c>GitHub:BotLogin</c>), the feedback stores and the dataset exporter. Needs ReviewBot's database.
    /// </summary>
    public static IServiceCollection AddReviewBotFeedbackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedbackOptions>, FeedbackOptionsValidator>();
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.SectionName);
        services.AddSingleton(_ => new BotIdentity(configuration["GitHub:BotLogin"]));
        services.AddSingleton<FeedbackStore>();
        services.AddSingleton<FeedbackPollStore>();
        services.AddSingleton(static sp => new DatasetExporter(
            sp.GetRequiredService<Data.ReviewBotDatabase>(),
            sp.GetRequiredService<IOptions<FeedbackOptions>>().Value,
            sp.GetRequiredService<BotIdentity>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>The <c>serve</c> host's part: the feedback webhook handlers, the poller and the poll job's schedule.</summary>
    public static IServiceCollection AddReviewBotFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReviewBotFeedbackStorage(configuration);
        services.AddSingleton<IWebhookHandler, PullRequestFeedbackRecorder>();
        services.AddSingleton<IWebhookHandler, ReviewCommentFeedbackRecorder>();
        services.AddSingleton<IWebhookHandler, ReviewThreadFeedbackRecorder>();
        services.AddSingleton<IWebhookHandler, ConversationFeedbackRecorder>();
        services.AddSingleton<IWebhookHandler, InstallationRecorder>();
        services.AddSingleton<FeedbackPoller>();
        services.AddHostedService<FeedbackPollSchedule>();
        return services;
    }
}
