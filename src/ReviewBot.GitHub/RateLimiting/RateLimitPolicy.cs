using System.Globalization;

namespace ReviewBot.GitHub.RateLimiting;

/// <summary>The rate-limit facts of one answer, from its status, headers and message.</summary>
public sealed record RateLimitSignal
{
    public int HttpStatus { get; init; }

    /// <summary>The <c>retry-after</c> header (seconds, or an HTTP date already turned into a delay).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary><c>x-ratelimit-remaining</c>.</summary>
    public int? Remaining { get; init; }

    /// <summary><c>x-ratelimit-reset</c>.</summary>
    public DateTimeOffset? Reset { get; init; }

    /// <summary>GitHub's error message (it names secondary limits).</summary>
    public string? Message { get; init; }

    public static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static DateTimeOffset? ParseEpoch(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}

/// <summary>
/// GitHub's documented order for rate-limited answers (403 or 429): honour <c>retry-after</c>; else, when
/// <c>x-ratelimit-remaining</c> is 0, wait until <c>x-ratelimit-reset</c>; else it is a secondary limit: back off at
/// least a minute, doubling with each consecutive one (at most 15 minutes). Every wait is multiplied by
/// <c>GitHub:RateLimitBackoffScale</c>.
/// </summary>
public static class RateLimitPolicy
{
    public static TimeSpan SecondaryBaseDelay { get; } = TimeSpan.FromMinutes(1);

    public static TimeSpan SecondaryMaxDelay { get; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The wait a rate-limited answer asks for, or null when the answer is not a rate limit. The doubling uses
    /// <paramref name="secondaryStreak"/>: how many limits in a row this caller hit before this one.
    /// </summary>
    public static TimeSpan? WaitFor(RateLimitSignal signal, DateTimeOffset now, int secondaryStreak, double scale)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.HttpStatus is not (403 or 429))
        {
            return null;
        }

        if (signal.RetryAfter is { } retryAfter)
        {
            return Scale(retryAfter, scale);
        }

        if (signal.Remaining == 0 && signal.Reset is { } reset)
        {
            // One extra second: the reset time is whole seconds and clocks differ.
            return Scale(Max(reset - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1), scale);
        }

        var secondary = signal.HttpStatus == 429 ||
            (signal.Message?.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase) ?? false) ||
            (signal.Message?.Contains("abuse", StringComparison.OrdinalIgnoreCase) ?? false);
        if (!secondary)
        {
            return null;
        }

        var doubled = SecondaryBaseDelay * Math.Pow(2, Math.Min(Math.Max(secondaryStreak, 0), 10));
        return Scale(doubled < SecondaryMaxDelay ? doubled : SecondaryMaxDelay, scale);
    }

    /// <summary>After a successful answer that used the last request of the window: wait for the reset before the next.</summary>
    public static DateTimeOffset? BlockAfterSuccess(RateLimitSignal signal, double scale, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.Remaining == 0 && signal.Reset is { } reset && reset > now ? now + Scale(reset - now + TimeSpan.FromSeconds(1), scale) : null;
    }

    private static TimeSpan Scale(TimeSpan wait, double scale) => TimeSpan.FromTicks((long)(wait.Ticks * scale));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
