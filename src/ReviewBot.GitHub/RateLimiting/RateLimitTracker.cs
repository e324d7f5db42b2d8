using System.Collections.Concurrent;

namespace ReviewBot.GitHub.RateLimiting;

/// <summary>
/// Per caller (installation, or the single token): until when GitHub asked us to hold off, and how many
/// secondary limits came in a row. Every request checks it before sending.
/// </summary>
public sealed class RateLimitTracker(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);

    /// <summary>How long to wait before sending for <paramref name="key"/>; zero when free to go.</summary>
    public TimeSpan WaitBefore(string key)
    {
        var state = _states.GetValueOrDefault(key);
        if (state?.BlockedUntil is not { } until)
        {
            return TimeSpan.Zero;
        }

        var wait = until - timeProvider.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>The streak of secondary limits so far (for the doubling back-off).</summary>
    public int SecondaryStreak(string key) => _states.GetValueOrDefault(key)?.SecondaryStreak ?? 0;

    /// <summary>Records a rate-limited answer: nobody sends for <paramref name="key"/> for <paramref name="wait"/>.</summary>
    public void Limited(string key, TimeSpan wait)
    {
        var state = _states.GetOrAdd(key, static _ => new State());
        lock (state)
        {
            var until = timeProvider.GetUtcNow() + wait;
            state.BlockedUntil = state.BlockedUntil is { } current && current > until ? current : until;
            state.SecondaryStreak++;
        }
    }

    /// <summary>Records a successful answer; <paramref name="blockUntil"/> when it used the window's last request.</summary>
    public void Succeeded(string key, DateTimeOffset? blockUntil)
    {
        var state = _states.GetOrAdd(key, static _ => new State());
        lock (state)
        {
            state.SecondaryStreak = 0;
            state.BlockedUntil = blockUntil;
        }
    }

    private sealed class State
    {
        public DateTimeOffset? BlockedUntil { get; set; }

        public int SecondaryStreak { get; set; }
    }
}
