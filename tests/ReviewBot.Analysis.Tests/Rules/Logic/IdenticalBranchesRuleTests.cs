namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class IdenticalBranchesRuleTests
{
    [Fact]
    public async Task Analyze_IfAndElseDoTheSame_Reports()
    {
        const string code = """
            namespace Shop;

            public static class Pricing
            {
                public static decimal Discount(decimal total, bool isMember)
                {
                    if (isMember)
                    {
                        total *= 0.9m;
                    }
                    else
                    {
                        total *= 0.9m;
                    }

                    return total;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0006", "if (isMember)");

        Assert.Contains("`isMember`", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ConditionalWithSameResults_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Pricing
            {
                public static decimal Rate(bool isMember) => isMember ? 0.1m : 0.1m;
            }
            """,
            "RB0006",
            "isMember ? 0.1m : 0.1m");

    [Fact]
    public async Task Analyze_DifferentBranchesAndElseIfChains_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Pricing
            {
                public static decimal Discount(decimal total, bool isMember, bool isStaff)
                {
                    if (isMember)
                    {
                        total *= 0.9m;
                    }
                    else if (isStaff)
                    {
                        total *= 0.9m;
                    }
                    else
                    {
                        total *= 1.0m;
                    }

                    return isMember ? total : 0m;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0006"));
    }
}
