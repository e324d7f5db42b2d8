using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Diagnostics;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests.Diagnostics;

public sealed class CompilerFindingSourceTests
{
    private const string Path = "src/Shop/Pricing.cs";

    private const string Before = """
        namespace Shop;

        public static class Pricing
        {
            public static decimal Total(decimal price, int quantity)
            {
                return price * quantity;
                Console.WriteLine("unreachable since forever");
            }

            public static decimal Tax(decimal total) => total * 0.2m;
        }
        """;

    [Fact]
    public async Task FindAsync_WarningIntroducedOnAddedLine_Reports()
    {
        var after = Before.Replace("    public static decimal Tax(decimal total) => total * 0.2m;", """
                public static decimal Tax(decimal total)
                {
                    bool exempt = false;
                    if (exempt = true)
                    {
                        return 0;
                    }

                    return total * 0.2m;
                }
            """, StringComparison.Ordinal);

        var found = await FindAsync(TestChanges.Modified(Path, Before, after));

        var finding = Assert.Single(found, f => f.RuleId == "CS0665");
        Assert.Equal("        if (exempt = true)", finding.Quote);
        Assert.Equal(FindingKind.Bug, finding.Kind);
        Assert.Contains("use `==`", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_PreExistingWarningOnContextLine_ReportsNothing()
    {
        // CS0162 (unreachable code) exists at base, three lines from the change: it shows as context, not as new.
        var after = Before.Replace("total * 0.2m", "total * 0.21m", StringComparison.Ordinal);

        var found = await FindAsync(TestChanges.Modified(Path, Before, after));

        Assert.DoesNotContain(found, f => f.RuleId == "CS0162");
    }

    [Fact]
    public async Task FindAsync_MissingContextErrors_AreNotReported()
    {
        const string code = """
            namespace Shop;

            public sealed class Checkout(IPaymentGateway gateway, ILogger<Checkout> logger)
            {
                public async Task<Receipt> PayAsync(Order order)
                {
                    var receipt = await gateway.ChargeAsync(order.Total, order.Currency);
                    logger.LogInformation("Paid {Order}", order.Id);
                    return receipt with { PaidAt = DateTimeOffset.UtcNow };
                }
            }
            """;

        var found = await FindAsync(TestChanges.Added(Path, code));

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindAsync_NullableWarnings_OnlyWhereEverythingAroundThemBound()
    {
        const string code = """
            namespace Shop;

            public static class Mailer
            {
                public static int Checked(string? email)
                {
                    Guard.AgainstNull(email);
                    return email.Length;
                }

                public static int Unchecked(string? email)
                {
                    return email.Length;
                }
            }
            """;

        var found = await FindAsync(TestChanges.Added(Path, code));

        // Guard is not part of the change: its [NotNull] attribute is unknown, so the first warning would be an artefact.
        var finding = Assert.Single(found);
        Assert.Equal("CS8602", finding.RuleId);
        Assert.Equal(13, finding.StartLine);
    }

    [Fact]
    public async Task FindAsync_SyntaxErrorInAddedFile_ReportsTheFirstOnly()
    {
        const string code = """
            namespace Shop;

            public static class Pricing
            {
                public static decimal Tax(decimal total)
                {
                    var rate = 0.2m
                    return total * rate
                }
            }
            """;

        var found = await FindAsync(TestChanges.Added(Path, code));

        var finding = Assert.Single(found);
        Assert.Equal("CS1002", finding.RuleId);
        Assert.Equal(7, finding.StartLine);
    }

    [Fact]
    public async Task FindAsync_SyntaxErrorsOfAPartialReconstruction_AreNotReported()
    {
        // Without whole files the modified file is rebuilt from its hunk, which starts mid-class: no syntax error may leak.
        var before = Before + "\n" + string.Join('\n', Enumerable.Range(0, 20).Select(i => $"// filler {i}"));
        var after = before.Replace("// filler 15", "// filler fifteen", StringComparison.Ordinal);

        var found = await FindAsync(TestChanges.Modified(Path, before, after, withFiles: false));

        Assert.Empty(found);
    }

    private static async Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context) =>
        await new CompilerFindingSource(TestChanges.Compiler(), Options.Create(new AnalysisOptions())).FindAsync(context, CancellationToken.None);
}
