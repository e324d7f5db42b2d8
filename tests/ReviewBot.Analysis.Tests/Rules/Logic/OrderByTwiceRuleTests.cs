namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class OrderByTwiceRuleTests
{
    [Fact]
    public async Task Analyze_OrderByAfterOrderBy_ReportsWithThenBy()
    {
        const string code = """
            namespace Shop;

            public sealed record Sale(string Region, DateTime At);

            public static class Reports
            {
                public static List<Sale> Sorted(IEnumerable<Sale> sales) => sales.OrderBy(s => s.Region).OrderBy(s => s.At).ToList();
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0016", ".OrderBy(s => s.At)");

        Assert.Equal("    public static List<Sale> Sorted(IEnumerable<Sale> sales) => sales.OrderBy(s => s.Region).ThenBy(s => s.At).ToList();", finding.Suggestion);
    }

    [Fact]
    public async Task Analyze_ThenByOrSeparateSorts_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed record Sale(string Region, DateTime At);

            public static class Reports
            {
                public static List<Sale> Sorted(IEnumerable<Sale> sales)
                {
                    var byRegion = sales.OrderBy(s => s.Region).ThenBy(s => s.At).ToList();
                    var byTime = sales.Where(s => s.At.Year > 2020).OrderBy(s => s.At).ToList();
                    return [.. byRegion, .. byTime];
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0016"));
    }
}
