using System.Text.Json.Serialization;

namespace ReviewBot.Llm;

/// <summary>Body of <c>POST /v1/completions</c>.</summary>
internal sealed record CompletionRequest
{
    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public int N { get; init; } = 1;

    public double Temperature { get; init; }

    public int MaxTokens { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    public long? Seed { get; init; }

    public bool Stream { get; init; }

    public StreamOptions? StreamOptions { get; init; }
}

internal sealed record StreamOptions(bool IncludeUsage);

/// <summary>A completions answer, or one server-sent event chunk of one (same shape, text deltas).</summary>
internal sealed record CompletionResponse
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public IReadOnlyList<CompletionChoice>? Choices { get; init; }

    public CompletionUsage? Usage { get; init; }
}

internal sealed record CompletionChoice
{
    public int Index { get; init; }

    public string? Text { get; init; }

    public string? FinishReason { get; init; }
}

internal sealed record CompletionUsage
{
    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public long TotalTokens { get; init; }
}

/// <summary>The OpenAI completions wire format, source-generated (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
