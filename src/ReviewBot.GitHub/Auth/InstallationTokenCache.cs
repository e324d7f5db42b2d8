using System.Collections.Concurrent;
using ReviewBot.GitHub.Rest;

namespace ReviewBot.GitHub.Auth;

/// <summary>
/// Installation tokens, cached per installation until 5 minutes before they expire. A refresh is single-flight:
/// however many callers need a token at once, one request is made and they all get its answer.
/// </summary>
public sealed class InstallationTokenCache(TimeProvider timeProvider)
{
    /// <summary>A token is refreshed this long before GitHub says it expires.</summary>
    public static TimeSpan RefreshMargin { get; } = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<long, Slot> _slots = new();

    public async Task<GitHubResult<string>> GetAsync(
        long installationId,
        Func<long, CancellationToken, Task<GitHubResult<InstallationToken>>> fetch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var slot = _slots.GetOrAdd(installationId, static _ => new Slot());
        if (slot.Current is { } cached && IsFresh(cached))
        {
            return GitHubResult.Ok(cached.Token);
        }

        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (slot.Current is { } refreshed && IsFresh(refreshed))
            {
                return GitHubResult.Ok(refreshed.Token);
            }

            var result = await fetch(installationId, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk || result.Value is null)
            {
                return result.As<string>();
            }

            slot.Current = result.Value;
            return GitHubResult.Ok(result.Value.Token);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (GitHub answered 401 with it); the next call fetches a new one.</summary>
    public void Invalidate(long installationId, string token)
    {
        if (_slots.TryGetValue(installationId, out var slot) && slot.Current?.Token == token)
        {
            slot.Current = null;
        }
    }

    private bool IsFresh(InstallationToken token) => token.ExpiresAt - RefreshMargin > timeProvider.GetUtcNow();

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public InstallationToken? Current { get; set; }
    }
}
