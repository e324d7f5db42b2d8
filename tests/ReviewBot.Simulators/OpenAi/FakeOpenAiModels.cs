namespace ReviewBot.Simulators.OpenAi;

/// <summary>How the fake server misbehaves for one request.</summary>
public enum FakeFault
{
    None,

    /// <summary>200 with a body (or stream event) that is not JSON.</summary>
    MalformedJson,

    /// <summary>The body ends halfway: half the JSON, or half the events with no finish reason and no <c>[DONE]</c>.</summary>
    TruncatedStream,

    /// <summary>HTTP 500 with an error body.</summary>
    Http500,

    /// <summary>HTTP 429 with <c>Retry-After: 0</c>.</summary>
    Http429,
}

/// <summary>One request the fake server received, as the model would see it.</summary>
public sealed record FakeOpenAiRequest
{
    /// <summary><c>/v1/chat/completions</c> or <c>/v1/completions</c>.</summary>
    public required string Path { get; init; }

    public bool IsChat => Path.EndsWith("/chat/completions", StringComparison.Ordinal);

    public required string Model { get; init; }

    /// <summary>The completions prompt, or every chat message's content (in order, separated by blank lines).</summary>
    public required string Prompt { get; init; }

    /// <summary>Chat messages as (role, content); empty for completions.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages { get; init; } = [];

    public int N { get; init; } = 1;

    public double? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public long? Seed { get; init; }

    public bool Stream { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>The Authorization header, if any.</summary>
    public string? Authorization { get; init; }

    /// <summary>The raw JSON body.</summary>
    public required string Body { get; init; }
}

/// <summary>What the fake server answers to one request.</summary>
public sealed record FakeOpenAiReply
{
    /// <summary>One text per choice; cycled when the request asks for more choices (<c>n</c>) than there are texts.</summary>
    public IReadOnlyList<string> Texts { get; init; } = [];

    public string FinishReason { get; init; } = "stop";

    public FakeFault Fault { get; init; }

    /// <summary>Wait this long before answering (to exceed a client's timeout).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Reported usage; estimated from the lengths when null.</summary>
    public int? PromptTokens { get; init; }

    public int? CompletionTokens { get; init; }

    public static FakeOpenAiReply Text(params string[] texts) => new() { Texts = texts };

    public static FakeOpenAiReply Failing(FakeFault fault) => new() { Fault = fault, Texts = ["```\nreturn total;\n```\n[bug] cut off in the midd"] };
}
