namespace ReviewBot.Core.Critiques;

/// <summary>Section <c>Critic</c>. With no endpoint configured, the offline critic runs.</summary>
public sealed class CriticOptions
{
    public const string SectionName = "Critic";

    /// <summary>Base URL of an OpenAI-compatible server (OpenAI, Azure OpenAI v1, Ollama, vLLM, llama.cpp). Empty: offline critic.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Model name at the endpoint.</summary>
    public string? Model { get; set; }

    /// <summary>API key for the endpoint; never logged, never sent anywhere else.</summary>
    public string? ApiKey { get; set; }

    /// <summary>True when an LLM is configured.</summary>
    public bool UsesLlm => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);
}
