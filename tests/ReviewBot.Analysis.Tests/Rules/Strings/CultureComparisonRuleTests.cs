namespace ReviewBot.Analysis.Tests.Rules.Strings;

public sealed class CultureComparisonRuleTests
{
    [Fact]
    public async Task Analyze_ToLowerEquality_ReportsWithOrdinalIgnoreCase()
    {
        const string code = """
            namespace Shop;

            public static class Tiers
            {
                public static bool IsPriority(string customerTier) => customerTier.ToLower() == "gold";
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0011", "customerTier.ToLower() == \"gold\"");

        Assert.Equal("    public static bool IsPriority(string customerTier) => string.Equals(customerTier, \"gold\", StringComparison.OrdinalIgnoreCase);", finding.Suggestion);
    }

    [Fact]
    public async Task Analyze_CompareAndStartsWithWithoutComparison_ReportsBoth()
    {
        const string code = """
            namespace Shop;

            public static class Skus
            {
                public static int Order(string a, string b) => string.Compare(a, b);

                public static bool IsLegacy(string sku) => sku.StartsWith("LEG-");
            }
            """;

        var found = await RuleHarness.FindAsync(code, "RB0011");

        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.Quote.Contains("string.Compare(a, b)", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Suggestion == "    public static bool IsLegacy(string sku) => sku.StartsWith(\"LEG-\", StringComparison.Ordinal);");
    }

    [Fact]
    public async Task Analyze_ExplicitComparisons_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Skus
            {
                public static bool Same(string a, string b) =>
                    string.Equals(a, b, StringComparison.OrdinalIgnoreCase) &&
                    string.Compare(a, b, StringComparison.Ordinal) == 0 &&
                    a.StartsWith('L') &&
                    a.StartsWith("LEG-", StringComparison.Ordinal) &&
                    a.ToUpperInvariant() == b;
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0011"));
    }
}
