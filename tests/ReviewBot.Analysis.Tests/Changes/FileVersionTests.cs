using ReviewBot.Analysis.Changes;

namespace ReviewBot.Analysis.Tests.Changes;

public sealed class FileVersionTests
{
    private static readonly string Before = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}")) + "\n";

    [Fact]
    public void FromHunks_NewSide_MapsEveryTextLineToItsFileLine()
    {
        var after = Before.Replace("line 5\n", "line 5\nadded a\n", StringComparison.Ordinal).Replace("line 25\n", "line twenty-five\n", StringComparison.Ordinal);
        var file = TestChanges.Parse(TestChanges.UnifiedDiff("notes.txt", Before, after, 1)).Files[0];

        var version = FileVersion.FromHunks(file, newSide: true);

        Assert.False(version.IsComplete);
        foreach (var line in file.NewSideLines)
        {
            var index = version.IndexOfFileLine(line.NewLine);
            Assert.Equal(line.Text, version.LineText(index));
            Assert.Equal(line.NewLine, version.FileLineOf(index));
        }

        Assert.True(version.IsContiguous(version.IndexOfFileLine(5), version.IndexOfFileLine(7)));
        Assert.False(version.IsContiguous(version.IndexOfFileLine(5), version.IndexOfFileLine(26)));
    }

    [Fact]
    public void FromHunks_OldSide_HoldsContextAndDeletedLines()
    {
        var after = Before.Replace("line 10\n", "", StringComparison.Ordinal);
        var file = TestChanges.Parse(TestChanges.UnifiedDiff("notes.txt", Before, after, 1)).Files[0];

        var version = FileVersion.FromHunks(file, newSide: false);

        Assert.Equal("line 10", version.LineText(version.IndexOfFileLine(10)));
        Assert.Equal(-1, version.IndexOfFileLine(20));
    }

    [Fact]
    public void Complete_UnusualLineBreaks_KeepGitLineNumbers()
    {
        var version = FileVersion.Complete("a\rb\nc\u2028d\r\ne");

        Assert.Equal(3, version.LineCount);
        Assert.Equal("e", version.LineText(2));
        Assert.Equal(3, version.FileLineOf(2));
        Assert.Equal("a b c d", version.NormalizedText(0, 1));
    }
}
