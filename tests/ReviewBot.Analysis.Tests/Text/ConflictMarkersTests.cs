using ReviewBot.Analysis.Text;

namespace ReviewBot.Analysis.Tests.Text;

public sealed class ConflictMarkersTests
{
    [Fact]
    public void Find_WholeConflictAdded_QuotesTheBlockOnce()
    {
        var diff = TestChanges.Parse(TestChanges.UnifiedDiff("src/app.ts", "const a = 1;\n", """
            const a = 1;
            <<<<<<< HEAD
            const limit = 10;
            =======
            const limit = 20;
            >>>>>>> feature/limits
            """, 3));

        var found = ConflictMarkers.Find(diff.Files[0].Hunks[0]).ToList();

        var (finding, lines) = Assert.Single(found);
        Assert.Equal("RB1001", finding.RuleId);
        Assert.Equal(5, lines.Count);
        Assert.StartsWith("<<<<<<< HEAD", lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_MarkdownUnderlineAndShiftOperators_ReportsNothing()
    {
        var diff = TestChanges.Parse(TestChanges.UnifiedDiff("README.md", "# Title\n", """
            # Title
            Usage
            =======
            Shift with x << 2 and y >> 3.
            """, 3));

        Assert.Empty(ConflictMarkers.Find(diff.Files[0].Hunks[0]));
    }
}
