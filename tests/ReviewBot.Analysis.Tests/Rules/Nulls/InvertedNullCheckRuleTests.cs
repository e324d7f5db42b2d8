namespace ReviewBot.Analysis.Tests.Rules.Nulls;

public sealed class InvertedNullCheckRuleTests
{
    [Fact]
    public async Task Analyze_ThrowsArgumentNullExceptionWhenNotNull_ReportsWithFlip()
    {
        const string code = """
            namespace Shop;

            public sealed class OrderService
            {
                public void Place(string sku)
                {
                    if (sku != null)
                    {
                        throw new ArgumentNullException(nameof(sku));
                    }
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0010", "if (sku != null)");

        Assert.Equal("        if (sku == null)", finding.Suggestion);
    }

    [Fact]
    public async Task Analyze_EarlyReturnWhenNotNullThenDereference_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Labels
            {
                public static int Width(string? label)
                {
                    if (label is not null)
                    {
                        return 0;
                    }

                    return label.Length * 8;
                }
            }
            """,
            "RB0010",
            "if (label is not null)");

    [Fact]
    public async Task Analyze_DereferenceInsideNullBranch_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Labels
            {
                public static void Print(string label)
                {
                    if (label == null)
                    {
                        Console.WriteLine(label.Trim());
                    }
                }
            }
            """,
            "RB0010",
            "if (label == null)");

    [Fact]
    public async Task Analyze_CorrectGuards_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Labels
            {
                public static int Width(string label, string? fallback, int? size)
                {
                    if (label == null)
                    {
                        throw new ArgumentNullException(nameof(label));
                    }

                    if (fallback is null)
                    {
                        fallback = "n/a";
                        Console.WriteLine(fallback.Length);
                    }

                    if (fallback != null)
                    {
                        return fallback.Length;
                    }

                    if (size == null)
                    {
                        Console.WriteLine(size.HasValue);
                    }

                    return label.Length;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0010"));
    }
}
