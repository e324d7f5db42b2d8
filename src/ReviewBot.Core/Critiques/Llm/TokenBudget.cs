namespace ReviewBot.Core.Critiques.Llm;

/// <summary>
/// The tokens one review may spend. A request reserves its worst case (prompt estimate plus the completion limit)
/// before it is sent and settles with the usage the server reports, so concurrent requests cannot overshoot.
/// </summary>
public sealed class TokenBudget(long limit)
{
    private readonly Lock _gate = new();
    private long _committed;
    private long _spent;

    public long Limit => limit;

    /// <summary>Tokens reported (or estimated) for finished requests.</summary>
    public long Spent
    {
        get
        {
            lock (_gate)
            {
                return _spent;
            }
        }
    }

    /// <summary>Reserves <paramref name="tokens"/>; false when that could exceed the limit.</summary>
    public bool TryReserve(long tokens)
    {
        lock (_gate)
        {
            if (_committed + tokens > limit)
            {
                return false;
            }

            _committed += tokens;
            return true;
        }
    }

    /// <summary>Replaces a reservation with what the request really used.</summary>
    public void Settle(long reserved, long used)
    {
        lock (_gate)
        {
            _committed += used - reserved;
            _spent += used;
        }
    }

    /// <summary>A rough, deliberately high token count for text: about three characters per token.</summary>
    public static long Estimate(string text) => ((text?.Length ?? 0) / 3) + 1;
}
