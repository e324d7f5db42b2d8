namespace ReviewBot.GitHub.Rest;

/// <summary>How a GitHub call ended. Expected failures are values, not exceptions.</summary>
public enum GitHubStatus
{
    /// <summary>2xx: the value is there.</summary>
    Ok,

    /// <summary>304 to a conditional request: what the caller has is current (and it cost no rate limit).</summary>
    NotModified,

    /// <summary>404: the resource, repository or installation does not exist (or is hidden from this token).</summary>
    NotFound,

    /// <summary>410: the resource is gone for good.</summary>
    Gone,

    /// <summary>422: GitHub refused the request's content; <see cref="GitHubResult{T}.Error"/> says why.</summary>
    Unprocessable,

    /// <summary>Primary or secondary rate limit; <see cref="GitHubResult{T}.RetryAt"/> says when to try again.</summary>
    RateLimited,

    /// <summary>5xx, a timeout or a network error on a read (or before a write was sent): try again later.</summary>
    Transient,

    /// <summary>A write was sent but no answer came (timeout, 5xx): it may or may not have been applied. Check before retrying.</summary>
    UnknownOutcome,

    /// <summary>403 that is not a rate limit: missing permission, suspended installation.</summary>
    Forbidden,

    /// <summary>401: bad or expired credentials.</summary>
    Unauthorized,

    /// <summary>The answer was larger than the caller allowed (e.g. a file over <c>GitHub:MaxFileBytes</c>).</summary>
    TooLarge,

    /// <summary>Any other answer (400, 406, 409, a malformed body): retrying will not help.</summary>
    Failed,
}

/// <summary>The outcome of one GitHub call: a value, or a status saying what went wrong.</summary>
public sealed record GitHubResult<T>
{
    public required GitHubStatus Status { get; init; }

    public T? Value { get; init; }

    /// <summary>The HTTP status of the last answer; 0 when none came.</summary>
    public int HttpStatus { get; init; }

    /// <summary>GitHub's error body, when it sent one.</summary>
    public GitHubError? Error { get; init; }

    /// <summary>For <see cref="GitHubStatus.RateLimited"/>: the earliest time a retry can succeed.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>The answer's ETag, for a later conditional request.</summary>
    public string? ETag { get; init; }

    /// <summary>A short explanation for logs and run records (never a secret).</summary>
    public string? Message { get; init; }

    public bool IsOk => Status == GitHubStatus.Ok;

    /// <summary>The same failure, typed for another value (only for results that are not <see cref="GitHubStatus.Ok"/>).</summary>
    public GitHubResult<TOther> As<TOther>() => new()
    {
        Status = Status,
        HttpStatus = HttpStatus,
        Error = Error,
        RetryAt = RetryAt,
        ETag = ETag,
        Message = Message,
    };

    /// <summary>What went wrong, for logs: status, HTTP code and GitHub's message.</summary>
    public string Describe()
    {
        var text = HttpStatus == 0 ? Status.ToString() : $"{Status} ({HttpStatus})";
        var detail = Error?.Describe() ?? Message;
        return string.IsNullOrEmpty(detail) ? text : $"{text}: {detail}";
    }
}

/// <summary>Factories for <see cref="GitHubResult{T}"/>.</summary>
public static class GitHubResult
{
    public static GitHubResult<T> Ok<T>(T value, int httpStatus = 200, string? etag = null) =>
        new() { Status = GitHubStatus.Ok, Value = value, HttpStatus = httpStatus, ETag = etag };

    public static GitHubResult<T> Fail<T>(GitHubStatus status, string message, int httpStatus = 0) =>
        new() { Status = status, Message = message, HttpStatus = httpStatus };
}
