namespace ReviewBot.GitHub.Rest;

/// <summary>Why an attempt produced no HTTP answer.</summary>
internal enum AttemptFailure
{
    None,

    /// <summary>No answer within <c>GitHub:RequestTimeout</c>; the request may have been applied.</summary>
    Timeout,

    /// <summary>The connection failed after the request may have left.</summary>
    Network,

    /// <summary>The connection could not be made: nothing was sent.</summary>
    NotSent,

    /// <summary>A rate-limit wait longer than <c>GitHub:MaxRateLimitWait</c> stood before sending: nothing was sent.</summary>
    HeldBack,

    /// <summary>No credentials could be had (token exchange failed): nothing was sent.</summary>
    NoCredentials,
}

/// <summary>One try of a request: an answer, or why none came, and what the retry strategy should know.</summary>
internal sealed record Attempt
{
    public GitHubResponse? Response { get; init; }

    public AttemptFailure Failure { get; init; }

    /// <summary>For a rate-limited answer (or a held-back request): how long GitHub asked us to wait.</summary>
    public TimeSpan? RateLimitWait { get; init; }

    /// <summary>GitHub said 401 to an installation token that is now forgotten: one immediate retry gets a new one.</summary>
    public bool CredentialsRefreshed { get; init; }

    /// <summary>For <see cref="AttemptFailure.NoCredentials"/>: what the token exchange answered.</summary>
    public GitHubResult<string?>? CredentialFailure { get; init; }

    public string? Detail { get; init; }

    public int StatusCode => Response?.StatusCode ?? 0;

    public bool IsServerError => StatusCode >= 500;

    public bool MayHaveBeenApplied => Failure is AttemptFailure.Timeout or AttemptFailure.Network || IsServerError;
}
