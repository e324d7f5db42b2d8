using ReviewBot.GitHub.RateLimiting;

namespace ReviewBot.GitHub.Tests.RateLimiting;

public sealed class RateLimitPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WaitFor_RetryAfter_WinsOverReset()
    {
        var signal = new RateLimitSignal { HttpStatus = 403, RetryAfter = TimeSpan.FromSeconds(7), Remaining = 0, Reset = Now.AddMinutes(30) };

        Assert.Equal(TimeSpan.FromSeconds(7), RateLimitPolicy.WaitFor(signal, Now, 0, 1.0));
    }

    [Fact]
    public void WaitFor_RemainingZero_WaitsUntilResetPlusASecond()
    {
        var signal = new RateLimitSignal { HttpStatus = 403, Remaining = 0, Reset = Now.AddSeconds(40), Message = "API rate limit exceeded" };

        Assert.Equal(TimeSpan.FromSeconds(41), RateLimitPolicy.WaitFor(signal, Now, 0, 1.0));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 120)]
    [InlineData(2, 240)]
    [InlineData(9, 900)]
    public void WaitFor_SecondaryWithoutHeaders_AtLeastAMinuteDoubling(int streak, int seconds)
    {
        var signal = new RateLimitSignal { HttpStatus = 403, Remaining = 4000, Message = "You have exceeded a secondary rate limit." };

        Assert.Equal(TimeSpan.FromSeconds(seconds), RateLimitPolicy.WaitFor(signal, Now, streak, 1.0));
    }

    [Fact]
    public void WaitFor_429WithoutHeaders_SecondaryBackOff()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), RateLimitPolicy.WaitFor(new RateLimitSignal { HttpStatus = 429 }, Now, 0, 1.0));
    }

    [Fact]
    public void WaitFor_PlainForbidden_NotARateLimit()
    {
        var signal = new RateLimitSignal { HttpStatus = 403, Remaining = 4999, Message = "Resource not accessible by integration" };

        Assert.Null(RateLimitPolicy.WaitFor(signal, Now, 0, 1.0));
        Assert.Null(RateLimitPolicy.WaitFor(new RateLimitSignal { HttpStatus = 500, RetryAfter = TimeSpan.FromSeconds(1) }, Now, 0, 1.0));
    }

    [Fact]
    public void WaitFor_Scale_MultipliesEveryWait()
    {
        var secondary = new RateLimitSignal { HttpStatus = 429 };

        Assert.Equal(TimeSpan.FromMilliseconds(60), RateLimitPolicy.WaitFor(secondary, Now, 0, 0.001));
    }

    [Fact]
    public void BlockAfterSuccess_LastRequestOfWindow_BlocksUntilReset()
    {
        var signal = new RateLimitSignal { HttpStatus = 200, Remaining = 0, Reset = Now.AddSeconds(9) };

        Assert.Equal(Now.AddSeconds(10), RateLimitPolicy.BlockAfterSuccess(signal, 1.0, Now));
        Assert.Null(RateLimitPolicy.BlockAfterSuccess(signal with { Remaining = 1 }, 1.0, Now));
    }
}
