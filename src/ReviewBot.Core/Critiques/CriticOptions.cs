using Microsoft.Extensions.Options;
using ReviewBot.Core.Critiques.Prompts;

namespace ReviewBot.Core.Critiques;

/// <summary>How the LLM critic forces a highlight (see the FSBS design notes).</summary>
public enum LlmMode
{
    /// <summary>Emulated forcing over <c>/v1/chat/completions</c>: the critique so far as context, "write exactly one more highlight".</summary>
    Chat,

    /// <summary>True forcing over raw <c>/v1/completions</c>: the prompt ends with the critique so far and the opening of a quote.</summary>
    Completions,
}

/// <summary>Section <c>Critic</c>. With no endpoint configured, the offline critic runs.</summary>
public sealed class CriticOptions
{
    public const string SectionName = "Critic";

    /// <summary>Base URL of an OpenAI-compatible server (OpenAI, Azure OpenAI v1, Ollama, vLLM, llama.cpp), with or without <c>/v1</c>. Empty: offline critic.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name at the endpoint.</summary>
    public string? Model { get; set; }

    /// <summary>API key for the endpoint; optional for local servers. Never logged, never put in a prompt, never sent anywhere else.</summary>
    public string? ApiKey { get; set; }

    /// <summary>True when an LLM is configured.</summary>
    public bool UsesLlm => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    /// <summary><c>Chat</c> (default; works everywhere) or <c>Completions</c> (true forcing; vLLM, llama.cpp, Ollama).</summary>
    public LlmMode Mode { get; set; } = LlmMode.Chat;

    /// <summary>Sampling temperature, in (0, 2]. Default 0.7: FSBS needs different samples.</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>Most tokens one sample may generate. Default 512.</summary>
    public int MaxTokens { get; set; } = 512;

    /// <summary>Per request, <c>hh:mm:ss</c>; a sample that takes longer is dropped. Default 00:01:00.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Requests in flight at once for one review. Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Prompt plus completion tokens one review may spend; when the next request could exceed it, the sampler stops
    /// sampling (recorded in <see cref="SamplerStats.BudgetExhausted"/>). Default 200000: FSBS with n=4, k=2, d=4
    /// sends 28 samples (7 requests in completions mode with <see cref="BatchSamples"/>), each carrying a prompt of
    /// up to about <see cref="MaxContextCharacters"/>/3 tokens.
    /// </summary>
    public int TokenBudgetPerReview { get; set; } = 200_000;

    /// <summary>Characters of pull request text, diff and code context put in a prompt. Default 24000 (about 6–8k tokens).</summary>
    public int MaxContextCharacters { get; set; } = 24_000;

    /// <summary>Stream answers (server-sent events). Default false.</summary>
    public bool Stream { get; set; }

    /// <summary>
    /// Completions mode: ask for all n samples of a beam in one request with the <c>n</c> parameter (vLLM, OpenAI)
    /// instead of n parallel requests (llama.cpp and Ollama ignore <c>n</c>). Chat mode always sends parallel requests.
    /// Default false.
    /// </summary>
    public bool BatchSamples { get; set; }

    /// <summary>Retries of a request that failed with 429 or 5xx, with jittered back-off. Default 1.</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>The prompt template. Default <c>critic-v1</c>.</summary>
    public string PromptVersion { get; set; } = CriticPromptTemplates.Latest;
}

/// <summary>Checks <see cref="CriticOptions"/> at start-up and reports every problem at once.</summary>
public sealed class CriticOptionsValidator : IValidateOptions<CriticOptions>
{
    public ValidateOptionsResult Validate(string? name, CriticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasModel = !string.IsNullOrWhiteSpace(options.Model);
        if (options.Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"Critic:Endpoint must be an absolute http(s) URL; got '{endpoint}'.");
            }
            else if (!string.IsNullOrEmpty(options.ApiKey) && endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
            {
                failures.Add("Critic:ApiKey would travel in clear text: use https for a non-loopback Critic:Endpoint.");
            }

            if (!hasModel)
            {
                failures.Add("Critic:Model is required when Critic:Endpoint is set.");
            }
        }
        else if (hasModel)
        {
            failures.Add("Critic:Endpoint is required when Critic:Model is set.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Critic:Mode must be Chat or Completions; got '{options.Mode}'.");
        }

        if (double.IsNaN(options.Temperature) || options.Temperature <= 0 || options.Temperature > 2)
        {
            failures.Add($"Critic:Temperature must be in (0, 2] (sampling needs variety); got {options.Temperature}.");
        }

        if (options.MaxTokens is < 16 or > 32768)
        {
            failures.Add($"Critic:MaxTokens must be between 16 and 32768; got {options.MaxTokens}.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Critic:Timeout must be between 00:00:01 and 00:10:00 (hh:mm:ss); got {options.Timeout}.");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            failures.Add($"Critic:Concurrency must be between 1 and 64; got {options.Concurrency}.");
        }

        if (options.TokenBudgetPerReview < options.MaxTokens)
        {
            failures.Add($"Critic:TokenBudgetPerReview ({options.TokenBudgetPerReview}) must be at least Critic:MaxTokens ({options.MaxTokens}).");
        }

        if (options.MaxContextCharacters is < 2000 or > 2_000_000)
        {
            failures.Add($"Critic:MaxContextCharacters must be between 2000 and 2000000; got {options.MaxContextCharacters}.");
        }

        if (options.MaxRetries is < 0 or > 5)
        {
            failures.Add($"Critic:MaxRetries must be between 0 and 5; got {options.MaxRetries}.");
        }

        if (!CriticPromptTemplates.IsKnown(options.PromptVersion))
        {
            failures.Add($"Critic:PromptVersion '{options.PromptVersion}' is unknown; known: {string.Join(", ", CriticPromptTemplates.Versions)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
