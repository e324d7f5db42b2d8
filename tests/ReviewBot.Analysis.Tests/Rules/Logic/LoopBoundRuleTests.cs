namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class LoopBoundRuleTests
{
    [Fact]
    public async Task Analyze_LessOrEqualLengthWithIndexing_ReportsWithFix()
    {
        const string code = """
            namespace Shop;

            public static class Inventory
            {
                public static int CountLow(int[] levels, int threshold)
                {
                    var low = 0;
                    for (var i = 0; i <= levels.Length; i++)
                    {
                        if (levels[i] < threshold)
                        {
                            low++;
                        }
                    }

                    return low;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0009", "for (var i = 0; i <= levels.Length; i++)");

        Assert.Equal("        for (var i = 0; i < levels.Length; i++)", finding.Suggestion);
        Assert.Contains("IndexOutOfRangeException", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_CountdownFromCount_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Inventory
            {
                public static void Trim(List<string> skus)
                {
                    for (var i = skus.Count; i >= 0; i--)
                    {
                        Console.WriteLine(skus[i]);
                    }
                }
            }
            """,
            "RB0009",
            "for (var i = skus.Count; i >= 0; i--)");

    [Fact]
    public async Task Analyze_CorrectBoundsOrNoIndexing_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Inventory
            {
                public static int Sum(int[] levels, List<int> extra)
                {
                    var total = 0;
                    for (var i = 0; i < levels.Length; i++)
                    {
                        total += levels[i];
                    }

                    for (var i = 1; i <= levels.Length; i++)
                    {
                        total += levels[i - 1];
                    }

                    for (var i = extra.Count - 1; i >= 0; i--)
                    {
                        total += extra[i];
                    }

                    return total;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0009"));
    }
}
