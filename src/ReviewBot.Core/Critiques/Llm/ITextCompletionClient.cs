namespace ReviewBot.Core.Critiques.Llm;

/// <summary>
/// A raw text completion endpoint (<c>POST /v1/completions</c>): the model continues the prompt exactly as given,
/// which is what true forcing of a highlight needs. Chat models are reached through <c>IChatClient</c> instead.
/// </summary>
public interface ITextCompletionClient
{
    /// <summary>
    /// Continues <paramref name="prompt"/>. HTTP and format errors come back as <see cref="TextCompletionResult.Error"/>;
    /// cancellation and timeouts throw <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<TextCompletionResult> CompleteAsync(string prompt, TextCompletionOptions options, CancellationToken cancellationToken);
}

/// <summary>Sampling parameters of one completion request.</summary>
public sealed record TextCompletionOptions
{
    /// <summary>How many continuations (the <c>n</c> parameter).</summary>
    public int Count { get; init; } = 1;

    public double Temperature { get; init; } = 0.7;

    public int MaxTokens { get; init; } = 512;

    public IReadOnlyList<string> Stop { get; init; } = [];

    public long? Seed { get; init; }

    /// <summary>Ask for server-sent events and assemble them.</summary>
    public bool Stream { get; init; }
}

/// <summary>One continuation.</summary>
/// <param name="Text">The generated text.</param>
/// <param name="FinishReason"><c>stop</c>, <c>length</c>, …; null when the answer ended without saying (a cut stream).</param>
public sealed record TextCompletion(string Text, string? FinishReason)
{
    /// <summary>The model did not finish on its own: it hit the token limit, or the answer was cut.</summary>
    public bool IsTruncated => FinishReason is null || string.Equals(FinishReason, "length", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a completion request returned.</summary>
public sealed record TextCompletionResult
{
    public IReadOnlyList<TextCompletion> Completions { get; init; } = [];

    public long? PromptTokens { get; init; }

    public long? CompletionTokens { get; init; }

    /// <summary>Why there are no completions (HTTP status, unreadable body), or null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The HTTP status of a failed request, when it got that far.</summary>
    public int? StatusCode { get; init; }

    public bool IsSuccess => Error is null;

    public static TextCompletionResult Failed(string error, int? statusCode = null) => new() { Error = error, StatusCode = statusCode };
}
