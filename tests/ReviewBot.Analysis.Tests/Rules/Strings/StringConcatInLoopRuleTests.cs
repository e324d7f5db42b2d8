namespace ReviewBot.Analysis.Tests.Rules.Strings;

public sealed class StringConcatInLoopRuleTests
{
    [Fact]
    public async Task Analyze_AppendToOuterStringInLoop_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Csv
            {
                public static string Build(IEnumerable<string> skus)
                {
                    var csv = "";
                    foreach (var sku in skus)
                    {
                        csv += sku + ",";
                    }

                    return csv;
                }
            }
            """,
            "RB0015",
            "csv += sku + \",\";");

    [Fact]
    public async Task Analyze_ConcatOutsideLoopOrLoopLocal_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Csv
            {
                public static string Build(IEnumerable<string> skus, int total)
                {
                    var header = "sku";
                    header += ",count";
                    foreach (var sku in skus)
                    {
                        var line = sku;
                        line += ",";
                        total += line.Length;
                    }

                    return header + total;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0015"));
    }
}
