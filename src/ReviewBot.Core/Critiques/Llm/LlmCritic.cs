using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Core.Security;

namespace ReviewBot.Core.Critiques.Llm;

/// <summary>
/// The critic backed by a language model at an OpenAI-compatible endpoint. Per change it masks secrets (including
/// ReviewBot's own API key, should it appear in the change), gathers optional code context, builds the prompt once
/// and hands FSBS an <see cref="LlmCritiqueSampler"/>.
/// </summary>
public sealed partial class LlmCritic(
    IOptions<CriticOptions> options,
    IOptions<RankingOptions> ranking,
    ILogger<LlmCritic> logger,
    IChatClient? chatClient = null,
    ITextCompletionClient? completionClient = null,
    ICodeContextProvider? contextProvider = null) : ICritic
{
    public string Name => $"llm:{options.Value.Model}:{(options.Value.Mode == LlmMode.Chat ? "chat" : "completions")}";

    public async Task<ICritiqueSampler> StartAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        var (redacted, secrets) = ChangeRedactor.Redact(context, [settings.ApiKey]);
        if (secrets > 0)
        {
            Log.SecretsMasked(logger, secrets);
        }

        var snippets = await GetSnippetsAsync(context, settings, cancellationToken).ConfigureAwait(false);
        var prompt = CriticPromptBuilder.Build(redacted, snippets, settings.PromptVersion, settings.MaxContextCharacters);
        var sampler = new LlmCritiqueSampler(prompt, redacted.Diff, settings, chatClient, completionClient, ranking.Value.Seed, logger)
        {
            Input = CriticInput.Capture(redacted, snippets, settings.MaxContextCharacters),
        };
        sampler.Stats.AddRedactedSecrets(secrets);
        return sampler;
    }

    private async Task<IReadOnlyList<CodeContextSnippet>> GetSnippetsAsync(ChangeContext context, CriticOptions settings, CancellationToken cancellationToken)
    {
        if (contextProvider is null)
        {
            return [];
        }

        try
        {
            var maxCharacters = (int)(settings.MaxContextCharacters * CriticPromptBuilder.ContextShare);
            var snippets = await contextProvider.GetSnippetsAsync(context, maxCharacters, cancellationToken).ConfigureAwait(false);
            return [.. snippets.Select(s => s with
            {
                Text = SecretRedactor.Redact(s.Text, [settings.ApiKey]).Text,
                Label = SecretRedactor.Redact(s.Label, [settings.ApiKey]).Text,
            })];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Context only helps; a review without it is still a review.
            Log.ContextFailed(logger, ex.GetType().Name);
            return [];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3110, Level = LogLevel.Information, Message = "Masked {Count} secret(s) in the change before building the prompt")]
        public static partial void SecretsMasked(ILogger logger, int count);

        [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "Code context could not be gathered ({Error}); reviewing without it")]
        public static partial void ContextFailed(ILogger logger, string error);
    }
}
