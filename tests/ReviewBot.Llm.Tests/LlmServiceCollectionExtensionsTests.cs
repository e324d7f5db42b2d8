using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Critiques.Llm;

namespace ReviewBot.Llm.Tests;

public sealed class LlmServiceCollectionExtensionsTests
{
    [Fact]
    public void AddReviewBotLlm_NotConfigured_LeavesTheOfflineCritic()
    {
        using var services = LlmHarness.BuildServices(new Dictionary<string, string?> { ["Critic:Model"] = "m" });

        Assert.IsType<OfflineCritic>(services.GetRequiredService<ICritic>());
        Assert.Null(services.GetService<IChatClient>());
        Assert.Null(services.GetService<ITextCompletionClient>());
    }

    [Fact]
    public void AddReviewBotLlm_Configured_ReplacesTheCriticAndRegistersBothClients()
    {
        using var services = LlmHarness.BuildServices(new Dictionary<string, string?>
        {
            ["Critic:Endpoint"] = "http://127.0.0.1:8000",
            ["Critic:Model"] = "qwen2.5-coder",
            ["Critic:Mode"] = "Completions",
            ["Critic:Timeout"] = "00:00:30",
        });

        var critic = Assert.IsType<LlmCritic>(Assert.Single(services.GetServices<ICritic>()));
        Assert.Equal("llm:qwen2.5-coder:completions", critic.Name);
        Assert.IsType<OpenAiChatClient>(services.GetRequiredService<IChatClient>());
        Assert.IsType<OpenAiCompletionClient>(services.GetRequiredService<ITextCompletionClient>());
        var options = services.GetRequiredService<IOptions<CriticOptions>>().Value;
        Assert.Equal((LlmMode.Completions, TimeSpan.FromSeconds(30), 0.7), (options.Mode, options.Timeout, options.Temperature));
    }

    [Fact]
    public void AddReviewBotLlm_InvalidOptions_FailWithEveryProblemListed()
    {
        using var services = LlmHarness.BuildServices(new Dictionary<string, string?>
        {
            ["Critic:Endpoint"] = "http://127.0.0.1:8000",
            ["Critic:Model"] = "m",
            ["Critic:Temperature"] = "0",
            ["Critic:Concurrency"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CriticOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, static f => f.Contains("Critic:Temperature", StringComparison.Ordinal));
        Assert.Contains(error.Failures, static f => f.Contains("Critic:Concurrency", StringComparison.Ordinal));
    }
}
