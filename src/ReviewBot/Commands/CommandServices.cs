using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewBot.Webhooks;

namespace ReviewBot.Commands;

/// <summary>Registers commands in pull request comments (<c>@reviewbot review|pause|resume</c>).</summary>
public static class CommandServices
{
    public static IServiceCollection AddReviewBotCommands(this IServiceCollection services)
    {
        services.TryAddSingleton<CommandQueue>();
        services.AddSingleton<IWebhookHandler, CommandWebhookHandler>();
        services.AddTransient<CommandRunner>();
        return services;
    }
}
