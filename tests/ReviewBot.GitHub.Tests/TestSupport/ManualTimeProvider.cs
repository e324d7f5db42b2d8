namespace ReviewBot.GitHub.Tests.TestSupport;

/// <summary>A clock a test moves by hand (for token expiry and JWT claims; no timers are needed there).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
