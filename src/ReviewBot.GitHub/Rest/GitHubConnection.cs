using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ReviewBot.GitHub.Auth;
using ReviewBot.GitHub.RateLimiting;

namespace ReviewBot.GitHub.Rest;

/// <summary>
/// Sends one REST request the way GitHub wants it: authenticated (token, installation token or App JWT), with
/// <c>Accept</c>, <c>X-GitHub-Api-Version</c> and <c>User-Agent</c>, a timeout per attempt, rate limits honoured,
/// writes serialized per installation, idempotent requests retried with jitter (Polly), and writes never retried
/// after they may have been applied. Every outcome is a <see cref="GitHubResult{T}"/>.
/// </summary>
public sealed partial class GitHubConnection
{
    public const string HttpClientName = "ReviewBot.GitHub";
    public const string ApiVersion = "2022-11-28";
    private static readonly ResiliencePropertyKey<GitHubRequest> RequestKey = new("github.request");

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly GitHubOptions _options;
    private readonly AppJwt _jwt;
    private readonly InstallationTokenCache _tokens;
    private readonly RateLimitTracker _rateLimits;
    private readonly WriteGate _writeGate;
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubConnection> _logger;
    private readonly ResiliencePipeline<Attempt> _pipeline;
    private readonly Uri _apiRoot;

    public GitHubConnection(
        IHttpClientFactory httpClientFactory,
        IOptions<GitHubOptions> options,
        AppJwt jwt,
        InstallationTokenCache tokens,
        RateLimitTracker rateLimits,
        WriteGate writeGate,
        TimeProvider timeProvider,
        ILogger<GitHubConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options.Value;
        _jwt = jwt;
        _tokens = tokens;
        _rateLimits = rateLimits;
        _writeGate = writeGate;
        _time = timeProvider;
        _logger = logger;
        _apiRoot = new Uri(_options.ApiBaseUrl.TrimEnd('/') + "/");
        _pipeline = new ResiliencePipelineBuilder<Attempt> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = Math.Max(_options.MaxRetries, 3),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Result, args.Context.Properties.GetValue(RequestKey, null!), args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } a && (a.RateLimitWait is not null || a.CredentialsRefreshed) ? TimeSpan.Zero : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var attempt = args.Outcome.Result;
                    var retried = args.Context.Properties.GetValue(RequestKey, null!);
                    Log.Retrying(_logger, retried, args.AttemptNumber + 1, attempt?.StatusCode ?? 0, attempt?.Failure ?? AttemptFailure.None, args.RetryDelay);

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The API root every relative path is resolved against (always ends with <c>/</c>).</summary>
    public Uri ApiRoot => _apiRoot;

    public async Task<GitHubResult<GitHubResponse>> SendAsync(GitHubRequest request, GitHubCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(call);
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["DeliveryId"] = call.DeliveryId,
            ["InstallationId"] = call.InstallationId,
            ["GitHubRequest"] = request.ToString(),
        });
        if (request.AbsoluteUri is { } absolute && !IsUnderApiRoot(absolute))
        {
            // A Link header pointing elsewhere must never receive our token.
            return GitHubResult.Fail<GitHubResponse>(GitHubStatus.Failed, $"refused to follow a link outside {_apiRoot.Host}");
        }

        var started = _time.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        Attempt attempt;
        try
        {
            attempt = await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<Attempt>(state.Self.AttemptAsync(state.Request, state.Call, ctx.CancellationToken)),
                context,
                (Self: this, Request: request, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var result = ToResult(request, attempt);
        var elapsed = (long)_time.GetElapsedTime(started).TotalMilliseconds;
        if (result.Status == GitHubStatus.UnknownOutcome)
        {
            Log.UnknownOutcome(_logger, request, attempt.StatusCode, attempt.Failure);
        }
        else if (result.Status == GitHubStatus.RateLimited)
        {
            Log.RateLimited(_logger, request, result.RetryAt);
        }
        else
        {
            Log.Completed(_logger, request, result.Status, result.HttpStatus, elapsed);
        }

        return result;
    }

    private bool ShouldRetry(Attempt? attempt, GitHubRequest request, int retriesSoFar)
    {
        if (attempt is null)
        {
            return false;
        }

        if (attempt.CredentialsRefreshed)
        {
            return retriesSoFar == 0;
        }

        if (attempt.RateLimitWait is { } wait)
        {
            // A rate-limited request was refused, not applied: safe to repeat, writes included.
            return wait <= _options.MaxRateLimitWait && attempt.Failure != AttemptFailure.HeldBack && retriesSoFar < 3;
        }

        var transient = attempt.Failure is AttemptFailure.Timeout or AttemptFailure.Network or AttemptFailure.NotSent || attempt.IsServerError;
        var safe = request.IsIdempotent || attempt.Failure == AttemptFailure.NotSent;
        return transient && safe && retriesSoFar < _options.MaxRetries;
    }

    private async Task<Attempt> AttemptAsync(GitHubRequest request, GitHubCall call, CancellationToken cancellationToken)
    {
        var key = request.Auth == GitHubAuth.AppJwt ? "app" : call.RateKey;
        var wait = _rateLimits.WaitBefore(key);
        if (wait > _options.MaxRateLimitWait)
        {
            return new Attempt { Failure = AttemptFailure.HeldBack, RateLimitWait = wait, Detail = "rate limit in force" };
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        var credential = await AuthorizeAsync(request, call, cancellationToken).ConfigureAwait(false);
        if (!credential.IsOk)
        {
            return new Attempt { Failure = AttemptFailure.NoCredentials, CredentialFailure = credential, Detail = credential.Describe() };
        }

        using var gate = request.IsWrite && request.Auth != GitHubAuth.AppJwt
            ? await _writeGate.EnterAsync(key, cancellationToken).ConfigureAwait(false)
            : null;
        using var message = BuildMessage(request, credential.Value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            var http = _httpClientFactory.CreateClient(HttpClientName);
            using var answer = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(answer, request.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
            if (body is null)
            {
                return new Attempt
                {
                    Response = new GitHubResponse(413, [], null, null, null),
                    Detail = $"answer larger than {request.MaxResponseBytes} bytes",
                };
            }

            var response = new GitHubResponse(
                (int)answer.StatusCode,
                body,
                answer.Content.Headers.ContentType?.MediaType,
                answer.Headers.ETag?.ToString(),
                LinkHeader.Next(answer.Headers.TryGetValues("Link", out var links) ? string.Join(", ", links) : null));
            return Observe(request, call, key, answer, response, credential.Value);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt { Failure = AttemptFailure.Timeout, Detail = $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s" };
        }
        catch (HttpRequestException ex)
        {
            return new Attempt
            {
                Failure = ex.HttpRequestError == HttpRequestError.ConnectionError ? AttemptFailure.NotSent : AttemptFailure.Network,
                Detail = ex.Message,
            };
        }
    }

    /// <summary>Reads rate-limit headers and turns 401s of cached tokens into a refresh.</summary>
    private Attempt Observe(GitHubRequest request, GitHubCall call, string key, HttpResponseMessage answer, GitHubResponse response, string? credential)
    {
        var signal = new RateLimitSignal
        {
            HttpStatus = response.StatusCode,
            RetryAfter = answer.Headers.RetryAfter is { } retry ? retry.Delta ?? (retry.Date - _time.GetUtcNow()) : null,
            Remaining = RateLimitSignal.ParseInt(Header(answer, "x-ratelimit-remaining")),
            Reset = RateLimitSignal.ParseEpoch(Header(answer, "x-ratelimit-reset")),
            Message = response.StatusCode is 403 or 429 ? ParseError(response.Body)?.Message : null,
        };
        var now = _time.GetUtcNow();
        var wait = RateLimitPolicy.WaitFor(signal, now, _rateLimits.SecondaryStreak(key), _options.RateLimitBackoffScale);
        if (wait is { } limited)
        {
            _rateLimits.Limited(key, limited);
            return new Attempt { Response = response, RateLimitWait = limited };
        }

        if (response.StatusCode < 400 || response.StatusCode == 404)
        {
            _rateLimits.Succeeded(key, RateLimitPolicy.BlockAfterSuccess(signal, _options.RateLimitBackoffScale, now));
        }

        if (response.StatusCode == 401 && request.Auth == GitHubAuth.Default && call.InstallationId is { } installation && credential is not null && _options.HasAppCredentials)
        {
            _tokens.Invalidate(installation, credential);
            return new Attempt { Response = response, CredentialsRefreshed = true };
        }

        return new Attempt { Response = response };
    }

    private static string? Header(HttpResponseMessage answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
