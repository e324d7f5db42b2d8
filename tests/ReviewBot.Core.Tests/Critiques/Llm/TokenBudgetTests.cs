using ReviewBot.Core.Critiques.Llm;

namespace ReviewBot.Core.Tests.Critiques.Llm;

public sealed class TokenBudgetTests
{
    [Fact]
    public void TryReserve_BeyondLimit_IsRefusedUntilSettledLower()
    {
        var budget = new TokenBudget(1000);

        Assert.True(budget.TryReserve(600));
        Assert.False(budget.TryReserve(600));
        budget.Settle(600, 100);
        Assert.True(budget.TryReserve(600));
        Assert.Equal(100, budget.Spent);
    }

    [Fact]
    public void TryReserve_Concurrently_NeverOvercommits()
    {
        var budget = new TokenBudget(10_000);
        var granted = 0;

        Parallel.For(0, 1000, _ =>
        {
            if (budget.TryReserve(70))
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(10_000 / 70, granted);
    }
}
