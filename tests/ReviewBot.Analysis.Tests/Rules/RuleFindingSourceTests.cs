using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Analysis.Rules;
using ReviewBot.Analysis.Rules.Logic;

namespace ReviewBot.Analysis.Tests.Rules;

/// <summary>What the rules report on a modification: only what the change introduced.</summary>
public sealed class RuleFindingSourceTests
{
    private const string Before = """
        namespace Shop;

        public sealed class Stock
        {
            private int _reserved;
            private int _shipped;

            public void Reserve(int quantity)
            {
                _reserved = _reserved;
                Console.WriteLine(quantity);
            }

            public void Ship(int quantity)
            {
                _shipped += quantity;
            }
        }
        """;

    [Fact]
    public async Task FindAsync_IssueOnUnchangedLineNearTheChange_ReportsNothing()
    {
        var after = Before.Replace("        Console.WriteLine(quantity);", "        Console.WriteLine(quantity);\n        Console.WriteLine(_reserved);", StringComparison.Ordinal);

        var found = await RuleHarness.FindAsync(TestChanges.Modified(RuleHarness.Path, Before, after), "RB0004");

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindAsync_ExistingIssueMovedByTheChange_ReportsNothing()
    {
        // The self-assignment moves from Reserve to Ship: deleted in one place, added in another, same code.
        var after = Before
            .Replace("        _reserved = _reserved;\n", "", StringComparison.Ordinal)
            .Replace("        _shipped += quantity;", "        _shipped += quantity;\n        _reserved = _reserved;", StringComparison.Ordinal);
        var context = TestChanges.Modified(RuleHarness.Path, Before, after);
        Assert.Contains(context.Diff.Files[0].Hunks.SelectMany(h => h.Lines), l => l.Kind == Core.Diffs.DiffLineKind.Added && l.Text.Contains("_reserved = _reserved", StringComparison.Ordinal));

        var found = await RuleHarness.FindAsync(context, "RB0004");

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindAsync_SecondCopyOfAnExistingIssueAdded_ReportsTheNewOneOnly()
    {
        var after = Before.Replace("        _shipped += quantity;", "        _shipped += quantity;\n        _reserved = _reserved;", StringComparison.Ordinal);

        var found = await RuleHarness.FindAsync(TestChanges.Modified(RuleHarness.Path, Before, after), "RB0004");

        var finding = Assert.Single(found);
        Assert.Equal(17, finding.StartLine);
    }

    [Fact]
    public async Task FindAsync_NewIssueInBarePatch_ReportsItOnTheRightLine()
    {
        var after = Before.Replace("        _shipped += quantity;", "        _shipped = _shipped;", StringComparison.Ordinal);

        var found = await RuleHarness.FindAsync(TestChanges.Modified(RuleHarness.Path, Before, after, withFiles: false), "RB0004");

        var finding = Assert.Single(found);
        Assert.Equal(16, finding.StartLine);
        Assert.Equal("        _shipped = _shipped;", finding.Quote);
    }

    [Fact]
    public async Task Run_RuleThatThrows_OtherRulesStillReport()
    {
        var change = await TestChanges.Compiler().CompileAsync(TestChanges.Added(RuleHarness.Path, Before), CancellationToken.None);

        var findings = RuleFindingSource.Run(change, [new ThrowingRule(), new SelfAssignmentRule()], atBase: false, NullLogger.Instance, CancellationToken.None);

        Assert.Contains(findings, f => f.RuleId == "RB0004");
    }

    private sealed class ThrowingRule : ICSharpRule
    {
        public RuleInfo Info { get; } = new("RB9999", "Broken", Core.Critiques.FindingKind.Bug, 0.5);

        public void Analyze(RuleContext context) => throw new InvalidOperationException("broken rule");
    }
}
