namespace ReviewBot.Simulators.GitHub;

/// <summary>What an injected fault does to a matching request.</summary>
public enum FaultKind
{
    /// <summary>Answers <see cref="FaultRule.StatusCode"/> (default 502) without applying the request.</summary>
    ServerError,

    /// <summary>Secondary rate limit: 403 with <c>retry-after</c> and GitHub's message; nothing applied.</summary>
    SecondaryRateLimit,

    /// <summary>429 (with <c>retry-after</c> when <see cref="FaultRule.RetryAfterSeconds"/> is set); nothing applied.</summary>
    TooManyRequests,

    /// <summary>Primary rate limit: 403 with <c>x-ratelimit-remaining: 0</c> and a reset <see cref="FaultRule.RetryAfterSeconds"/> ahead.</summary>
    PrimaryRateLimit,

    /// <summary>Waits <see cref="FaultRule.Delay"/>, then answers normally (or not at all if the caller gave up).</summary>
    Slow,

    /// <summary>Applies the request, then never answers: the write exists but the caller sees a timeout.</summary>
    TimeoutAfterApply,

    /// <summary>
    /// Applies the request only after <see cref="FaultRule.Delay"/>, even when the caller gave up before: GitHub may
    /// finish a write after the client timed out, so a look-up right after the timeout does not find it yet.
    /// </summary>
    AppliedLate,
}

/// <summary>A fault to inject into the next <see cref="Times"/> requests that match.</summary>
public sealed record FaultRule
{
    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Matches requests whose path ends with this (e.g. <c>/reviews</c>); null matches any.</summary>
    public string? PathEndsWith { get; init; }

    /// <summary>Matches requests whose path contains this; null matches any.</summary>
    public string? PathContains { get; init; }

    public required FaultKind Kind { get; init; }

    /// <summary>How many matching requests it applies to.</summary>
    public int Times { get; init; } = 1;

    public int StatusCode { get; init; } = 502;

    public int? RetryAfterSeconds { get; init; }

    public TimeSpan Delay { get; init; }

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) &&
        (PathEndsWith is null || path.EndsWith(PathEndsWith, StringComparison.Ordinal)) &&
        (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal));
}
