using System.Globalization;
using System.Text;

namespace ReviewBot.Simulators.GitHub;

/// <summary>
/// In front of every endpoint: records the request, injects faults, identifies the caller from its token, counts
/// the primary rate limit and adds GitHub's rate-limit headers.
/// </summary>
internal sealed class SimulatorMiddleware(GitHubSimulator simulator)
{
    private const int MaxRecordedBody = 1 << 20;
    private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var record = await RecordAsync(http).ConfigureAwait(false);
        try
        {
            var fault = simulator.TakeFault(http.Request.Method, http.Request.Path.Value ?? "");
            if (fault is not null)
            {
                record.Fault = fault.Kind;
                if (await ApplyFaultAsync(http, fault, next).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (!await IdentifyAsync(http).ConfigureAwait(false) || !await CountAsync(http).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await next(http).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !http.Response.HasStarted)
            {
                // A simulator bug must not look like a GitHub outage: record it so the test shows it.
                record.Error = ex.ToString();
                record.Unexpected = true;
                await SimHttp.ErrorAsync(http, 500, "Simulator error: " + ex.Message).ConfigureAwait(false);
            }

            if (http.Response.StatusCode == StatusCodes.Status304NotModified)
            {
                Refund(SimHttp.Caller(http).RateKey);
            }
        }
        finally
        {
            record.Status = http.Response.StatusCode;
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext http)
    {
        string? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            http.Request.EnableBuffering();
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true);
            var buffer = new char[MaxRecordedBody];
            var read = await reader.ReadBlockAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            body = new string(buffer, 0, read);
            http.Request.Body.Position = 0;
        }

        var headers = http.Request.Headers;
        var record = new RecordedRequest
        {
            Sequence = 0,
            ReceivedAt = simulator.Options.TimeProvider.GetUtcNow(),
            Timestamp = simulator.Options.TimeProvider.GetTimestamp(),
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            Query = http.Request.QueryString.Value ?? "",
            Accept = headers.Accept.Count > 0 ? headers.Accept.ToString() : null,
            Authorization = headers.Authorization.Count > 0 ? headers.Authorization.ToString() : null,
            IfNoneMatch = headers.IfNoneMatch.Count > 0 ? headers.IfNoneMatch.ToString() : null,
            ApiVersion = headers.TryGetValue("X-GitHub-Api-Version", out var version) ? version.ToString() : null,
            UserAgent = headers.UserAgent.Count > 0 ? headers.UserAgent.ToString() : null,
            Body = body,
        };
        record = simulator.Record(record);
        http.Items[GitHubSimulator.RecordKey] = record;
        return record;
    }

    /// <summary>True when the fault answered the request (the endpoint must not run again).</summary>
    private async Task<bool> ApplyFaultAsync(HttpContext http, FaultRule fault, RequestDelegate next)
    {
        var time = simulator.Options.TimeProvider;
        switch (fault.Kind)
        {
            case FaultKind.ServerError:
                await SimHttp.ErrorAsync(http, fault.StatusCode, fault.StatusCode == 502 ? "Server Error" : "Service Unavailable").ConfigureAwait(false);
                return true;
            case FaultKind.SecondaryRateLimit or FaultKind.TooManyRequests:
                if (fault.RetryAfterSeconds is { } retryAfter)
                {
                    http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                AddRateHeaders(http, remaining: 4000, time.GetUtcNow().AddHours(1));
                await SimHttp.ErrorAsync(
                    http,
                    fault.Kind == FaultKind.TooManyRequests ? 429 : 403,
                    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                    docs: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits").ConfigureAwait(false);
                return true;
            case FaultKind.PrimaryRateLimit:
                AddRateHeaders(http, remaining: 0, time.GetUtcNow().AddSeconds(fault.RetryAfterSeconds ?? 60));
                await SimHttp.ErrorAsync(http, 403, "API rate limit exceeded for installation.", docs: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api").ConfigureAwait(false);
                return true;
            case FaultKind.Slow:
                try
                {
                    await Task.Delay(fault.Delay, time, http.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                return false;
            case FaultKind.AppliedLate:
                // The caller's giving up no longer stops this request: its body is read now, its connection not needed again.
                var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
                body.Position = 0;
                http.Request.Body = body;
                http.Response.RegisterForDispose(body);
                http.RequestAborted = simulator.Stopping;
                await Task.Delay(fault.Delay, time, simulator.Stopping).ConfigureAwait(false);
                return false;
            case FaultKind.TimeoutAfterApply:
                if (!await IdentifyAsync(http).ConfigureAwait(false))
                {
                    return true;
                }

                var original = http.Response.Body;
                using (var swallowed = new MemoryStream())
                {
                    http.Response.Body = swallowed;
                    await next(http).ConfigureAwait(false);
                    http.Response.Body = original;
                }

                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, simulator.Stopping))
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromMinutes(5), time, hang.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The caller gave up, as intended: the write stands, the answer never came.
                    }
                }

                http.Abort();
                return true;
            default:
                return false;
        }
    }

    private async Task<bool> IdentifyAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var authorization = http.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.StartsWith("token ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim()
            : null;
        if (path.StartsWith("/app", StringComparison.Ordinal) || path.EndsWith("/installation", StringComparison.Ordinal))
        {
            return true;
        }

        if (token is null)
        {
            var isWrite = http.Request.Method is "POST" or "PATCH" or "PUT" or "DELETE";
            if (isWrite || simulator.Options.RequireAuthentication)
            {
                await SimHttp.ErrorAsync(http, 401, "Requires authentication").ConfigureAwait(false);
                return false;
            }

            http.Items[SimHttp.CallerKey] = SimCaller.Anonymous;
            return true;
        }

        var caller = simulator.Identify(token);
        if (caller is null)
        {
            await SimHttp.ErrorAsync(http, 401, "Bad credentials").ConfigureAwait(false);
            return false;
        }

        http.Items[SimHttp.CallerKey] = caller;
        return true;
    }

    private async Task<bool> CountAsync(HttpContext http)
    {
        var key = SimHttp.Caller(http).RateKey;
        var now = simulator.Options.TimeProvider.GetUtcNow();
        int used;
        lock (_used)
        {
            if (now - _windowStart >= TimeSpan.FromHours(1))
            {
                _windowStart = now;
                _used.Clear();
            }

            used = _used.GetValueOrDefault(key) + 1;
            _used[key] = used;
        }

        var limit = simulator.Options.RateLimit;
        var reset = _windowStart.AddHours(1);
        if (used > limit)
        {
            AddRateHeaders(http, 0, reset);
            await SimHttp.ErrorAsync(http, 403, "API rate limit exceeded.", docs: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api").ConfigureAwait(false);
            return false;
        }

        http.Response.OnStarting(() =>
        {
            int current;
            lock (_used)
            {
                current = _used.GetValueOrDefault(key);
            }

            AddRateHeaders(http, Math.Max(0, limit - current), reset);
            return Task.CompletedTask;
        });
        return true;
    }

    private void Refund(string key)
    {
        lock (_used)
        {
            _used[key] = Math.Max(0, _used.GetValueOrDefault(key) - 1);
        }
    }

    private void AddRateHeaders(HttpContext http, int remaining, DateTimeOffset reset)
    {
        var headers = http.Response.Headers;
        var limit = simulator.Options.RateLimit;
        headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-used"] = Math.Max(0, limit - remaining).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-resource"] = "core";
    }
}
