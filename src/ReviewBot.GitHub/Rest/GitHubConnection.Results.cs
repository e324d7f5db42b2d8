using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubConnection
{
    /// <summary>The credential for one attempt: null means anonymous.</summary>
    private async Task<GitHubResult<string?>> AuthorizeAsync(GitHubRequest request, GitHubCall call, CancellationToken cancellationToken)
    {
        switch (request.Auth)
        {
            case GitHubAuth.None:
                return GitHubResult.Ok<string?>(null);
            case GitHubAuth.AppJwt:
                return _jwt.IsConfigured
                    ? GitHubResult.Ok<string?>(_jwt.Create())
                    : GitHubResult.Fail<string?>(GitHubStatus.Unauthorized, "no GitHub App credentials configured");
        }

        if (!string.IsNullOrWhiteSpace(_options.Token))
        {
            return GitHubResult.Ok<string?>(_options.Token);
        }

        if (!_options.HasAppCredentials)
        {
            return GitHubResult.Ok<string?>(null);
        }

        if (call.InstallationId is not { } installation)
        {
            return GitHubResult.Fail<string?>(GitHubStatus.Unauthorized, "GitHub App credentials need an installation id for this call");
        }

        var token = await _tokens.GetAsync(installation, FetchInstallationTokenAsync, cancellationToken).ConfigureAwait(false);
        return token.IsOk ? GitHubResult.Ok<string?>(token.Value) : token.As<string?>();
    }

    /// <summary><c>POST /app/installations/{id}/access_tokens</c> with the App's JWT.</summary>
    public async Task<GitHubResult<InstallationToken>> FetchInstallationTokenAsync(long installationId, CancellationToken cancellationToken)
    {
        var request = new GitHubRequest
        {
            Method = HttpMethod.Post,
            Path = string.Create(CultureInfo.InvariantCulture, $"app/installations/{installationId}/access_tokens"),
            Auth = GitHubAuth.AppJwt,
            SafeToRetry = true,
        };
        var answer = await SendAsync(request, new GitHubCall(installationId), cancellationToken).ConfigureAwait(false);
        var result = Deserialize(answer, GitHubJsonContext.Default.InstallationToken);
        if (result.IsOk && string.IsNullOrEmpty(result.Value!.Token))
        {
            return GitHubResult.Fail<InstallationToken>(GitHubStatus.Failed, "the token answer carried no token", answer.HttpStatus);
        }

        if (!result.IsOk)
        {
            Log.TokenFailed(_logger, installationId, result.Describe());
        }

        return result;
    }

    /// <summary>Parses a JSON answer into <typeparamref name="T"/>; failures pass through.</summary>
    public static GitHubResult<T> Deserialize<T>(GitHubResult<GitHubResponse> answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.IsOk)
        {
            return answer.As<T>();
        }

        try
        {
            var value = JsonSerializer.Deserialize(answer.Value!.Body, type);
            return value is null
                ? GitHubResult.Fail<T>(GitHubStatus.Failed, "empty JSON answer", answer.HttpStatus)
                : GitHubResult.Ok(value, answer.HttpStatus, answer.ETag);
        }
        catch (JsonException ex)
        {
            return GitHubResult.Fail<T>(GitHubStatus.Failed, $"malformed JSON answer: {ex.Message}", answer.HttpStatus);
        }
    }

    private GitHubResult<GitHubResponse> ToResult(GitHubRequest request, Attempt attempt)
    {
        if (attempt.Failure == AttemptFailure.NoCredentials)
        {
            var failure = attempt.CredentialFailure!;
            return failure.As<GitHubResponse>() with { Message = "credentials: " + failure.Describe() };
        }

        if (attempt.Response is not { } response)
        {
            var status = attempt.Failure switch
            {
                AttemptFailure.HeldBack => GitHubStatus.RateLimited,
                AttemptFailure.NotSent => GitHubStatus.Transient,
                _ when !request.IsIdempotent => GitHubStatus.UnknownOutcome,
                _ => GitHubStatus.Transient,
            };
            return new GitHubResult<GitHubResponse>
            {
                Status = status,
                Message = attempt.Detail,
                RetryAt = attempt.RateLimitWait is { } held ? _time.GetUtcNow() + held : null,
            };
        }

        var code = response.StatusCode;
        if (code is >= 200 and < 300)
        {
            return GitHubResult.Ok(response, code, response.ETag);
        }

        var result = new GitHubResult<GitHubResponse>
        {
            Status = code switch
            {
                304 => GitHubStatus.NotModified,
                401 => GitHubStatus.Unauthorized,
                403 or 429 when attempt.RateLimitWait is not null => GitHubStatus.RateLimited,
                403 => GitHubStatus.Forbidden,
                404 => GitHubStatus.NotFound,
                410 => GitHubStatus.Gone,
                413 => GitHubStatus.TooLarge,
                422 => GitHubStatus.Unprocessable,
                >= 500 when !request.IsIdempotent => GitHubStatus.UnknownOutcome,
                >= 500 => GitHubStatus.Transient,
                _ => GitHubStatus.Failed,
            },
            Value = code == 304 ? response : null,
            HttpStatus = code,
            Error = ParseError(response.Body),
            ETag = response.ETag,
            RetryAt = attempt.RateLimitWait is { } wait ? _time.GetUtcNow() + wait : null,
            Message = attempt.Detail,
        };
        return result;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "GitHub {Request}: {Status} ({HttpStatus}) in {ElapsedMs} ms")]
        public static partial void Completed(ILogger logger, GitHubRequest request, GitHubStatus status, int httpStatus, long elapsedMs);

        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "GitHub {Request}: retry {Attempt} after HTTP {HttpStatus} / {Failure}, waiting {Delay}")]
        public static partial void Retrying(ILogger logger, GitHubRequest request, int attempt, int httpStatus, AttemptFailure failure, TimeSpan delay);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "GitHub {Request}: rate limited until {RetryAt}")]
        public static partial void RateLimited(ILogger logger, GitHubRequest request, DateTimeOffset? retryAt);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "GitHub {Request}: outcome unknown (HTTP {HttpStatus} / {Failure}); it may have been applied and is not retried blindly")]
        public static partial void UnknownOutcome(ILogger logger, GitHubRequest request, int httpStatus, AttemptFailure failure);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "GitHub installation {InstallationId}: no token ({Reason})")]
        public static partial void TokenFailed(ILogger logger, long installationId, string reason);
    }
}
