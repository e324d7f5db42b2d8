using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Tests.Critiques;
using ReviewBot.Core.Tests.Security;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

/// <summary>The optional code-context seam: present, its snippets reach the prompt (fenced, redacted); failing, the review goes on.</summary>
public sealed class LlmCriticContextTests
{
    private static readonly string Secret = FakeSecrets.GitHubToken(60);

    [Fact]
    public async Task StartAsync_WithContextProvider_PutsRedactedSnippetsInTheDataFences()
    {
        await using var server = await FakeOpenAiServer.StartAsync(DeterministicCritic.Answer);
        using var services = Build(server, new WholeFileContext($"public sealed class OrderService\n{{\n    private const string Token = \"{Secret}\";\n}}"));
        var sampler = await services.GetRequiredService<ICritic>().StartAsync(TestChanges.Context(), CancellationToken.None);
        await using var _ = sampler;

        await sampler.SampleAsync(Critique.Empty, 1, CancellationToken.None);

        var prompt = Assert.Single(server.Requests).Prompt;
        Assert.Contains("whole file src/Orders/OrderService.cs", prompt, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:github-token]", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, server.Requests[0].Body, StringComparison.Ordinal);
        var context = prompt.IndexOf(" context>>>", StringComparison.Ordinal);
        Assert.True(context > 0 && context < prompt.IndexOf("whole file", StringComparison.Ordinal), "the snippet sits inside the context fence");
    }

    [Fact]
    public async Task StartAsync_ContextProviderThrows_ReviewsWithoutContext()
    {
        await using var server = await FakeOpenAiServer.StartAsync(DeterministicCritic.Answer);
        using var services = Build(server, new WholeFileContext(null));
        var sampler = await services.GetRequiredService<ICritic>().StartAsync(TestChanges.Context(), CancellationToken.None);
        await using var _ = sampler;

        var samples = await sampler.SampleAsync(Critique.Empty, 1, CancellationToken.None);

        Assert.Single(samples);
        Assert.DoesNotContain(" context>>>", server.Requests[0].Prompt, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(FakeOpenAiServer server, ICodeContextProvider provider) => LlmHarness.BuildServices(
        new Dictionary<string, string?> { ["Critic:Endpoint"] = server.BaseAddress.ToString(), ["Critic:Model"] = "m", ["Critic:MaxRetries"] = "0" },
        services => services.AddSingleton(provider));

    /// <summary>The simplest real context: the whole new file of each changed path (null text: the provider fails).</summary>
    private sealed class WholeFileContext(string? text) : ICodeContextProvider
    {
        public Task<IReadOnlyList<CodeContextSnippet>> GetSnippetsAsync(ChangeContext context, int maxCharacters, CancellationToken cancellationToken)
        {
            if (text is null)
            {
                throw new InvalidOperationException("no compilation");
            }

            IReadOnlyList<CodeContextSnippet> snippets = [new(TestChanges.OrderService, 1, 4, $"whole file {TestChanges.OrderService}", text)];
            return Task.FromResult(snippets);
        }
    }
}
