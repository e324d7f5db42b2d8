namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class IdenticalOperandsRuleTests
{
    [Theory]
    [InlineData("order.Total == order.Total", "always true")]
    [InlineData("order.Total - order.Total > 0", "always 0")]
    [InlineData("order.IsPaid && order.IsPaid", "adds nothing")]
    public async Task Analyze_SameExpressionOnBothSides_Reports(string condition, string effect)
    {
        var code = $$"""
            namespace Shop;

            public sealed record Order(decimal Total, bool IsPaid);

            public static class Rules
            {
                public static bool Check(Order order, Order other) => {{condition}};
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0005", condition);

        Assert.Contains(effect, finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_DifferentOperandsCallsAndNaNTest_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Rules
            {
                public static bool Check(decimal a, decimal b, double ratio, Random random)
                {
                    var differs = a == b;
                    var isNaN = ratio != ratio;
                    var jitter = random.Next() - random.Next();
                    var one = 1 == 1;
                    return differs && isNaN && jitter > 0 && one;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0005"));
    }
}
