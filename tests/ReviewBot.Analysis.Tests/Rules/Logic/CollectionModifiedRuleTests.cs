namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class CollectionModifiedRuleTests
{
    [Fact]
    public async Task Analyze_RemoveFromListInsideItsForeach_Reports()
    {
        const string code = """
            namespace Shop;

            public static class Cart
            {
                public static void DropExpired(List<DateTime> reservations, DateTime now)
                {
                    foreach (var reservation in reservations)
                    {
                        if (reservation < now)
                        {
                            reservations.Remove(reservation);
                        }
                    }
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0013", "reservations.Remove(reservation);");

        Assert.Contains("InvalidOperationException", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_CopyBreakAfterChangeOrDictionaryRemove_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public static class Cart
            {
                public static void DropExpired(List<DateTime> reservations, Dictionary<string, DateTime> holds, DateTime now)
                {
                    foreach (var reservation in reservations.ToList())
                    {
                        reservations.Remove(reservation);
                    }

                    foreach (var reservation in reservations)
                    {
                        if (reservation < now)
                        {
                            reservations.Remove(reservation);
                            break;
                        }
                    }

                    foreach (var hold in holds)
                    {
                        if (hold.Value < now)
                        {
                            holds.Remove(hold.Key);
                        }
                    }
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0013"));
    }
}
