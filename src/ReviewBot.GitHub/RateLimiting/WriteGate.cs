using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ReviewBot.GitHub.RateLimiting;

/// <summary>
/// Serializes writes (POST, PATCH, PUT, DELETE) per installation and spaces them at least
/// <c>GitHub:MinWriteInterval</c> apart, measured from the end of one write to the start of the next, as GitHub's
/// secondary-limit guidance asks. Reads never wait here.
/// </summary>
public sealed class WriteGate(IOptions<GitHubOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var lane = _lanes.GetOrAdd(key, static _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var interval = options.Value.MinWriteInterval;
            if (lane.LastEnded is { } last)
            {
                // Loop: a timer may fire a hair early, and the spacing is a promise.
                for (var left = interval - timeProvider.GetElapsedTime(last); left > TimeSpan.Zero; left = interval - timeProvider.GetElapsedTime(last))
                {
                    await Task.Delay(left, timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            lane.Gate.Release();
            throw;
        }

        return new Release(lane, timeProvider);
    }

    private sealed class Lane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long? LastEnded { get; set; }
    }

    private sealed class Release(Lane lane, TimeProvider timeProvider) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lane.LastEnded = timeProvider.GetTimestamp();
                lane.Gate.Release();
            }
        }
    }
}
