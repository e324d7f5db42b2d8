namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class IntegerDivisionRuleTests
{
    [Fact]
    public async Task Analyze_IntegerQuotientStoredInDouble_ReportsWithCast()
    {
        const string code = """
            namespace Shop;

            public static class Progress
            {
                public static double Ratio(int shipped, int ordered)
                {
                    double ratio = shipped / ordered;
                    return ratio;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0014", "double ratio = shipped / ordered;");

        Assert.Equal("        double ratio = (double)shipped / ordered;", finding.Suggestion);
    }

    [Fact]
    public async Task Analyze_FloatingDivisionIntegerResultOrExactConstant_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Progress
            {
                public static double Ratio(int shipped, int ordered)
                {
                    double ratio = (double)shipped / ordered;
                    int pages = shipped / 20;
                    double half = 10 / 2;
                    return ratio + pages + half;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0014"));
    }
}
