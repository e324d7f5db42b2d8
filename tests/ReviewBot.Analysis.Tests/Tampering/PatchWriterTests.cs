using ReviewBot.Analysis.Tampering;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Tests.Tampering;

public sealed class PatchWriterTests
{
    [Fact]
    public void Write_TwoDistantEdits_TwoHunksTheParserReadsBack()
    {
        var before = string.Join('\n', Enumerable.Range(1, 30).Select(static i => $"line {i}")) + "\n";
        var after = before.Replace("line 3\n", "line three\n", StringComparison.Ordinal).Replace("line 25\n", "line 25\nline 25b\n", StringComparison.Ordinal);

        var patch = PatchWriter.Write("src/A.cs", before, after);

        var diff = UnifiedDiffParser.Parse(patch).Diff!;
        var file = Assert.Single(diff.Files);
        Assert.Equal(2, file.Hunks.Count);
        Assert.Equal([3, 26], file.AddedLineNumbers);
        Assert.Equal("line three", file.FindNewLine(3)!.Text);
        Assert.StartsWith("diff --git a/src/A.cs b/src/A.cs\n--- a/src/A.cs\n+++ b/src/A.cs\n@@ -1,6 +1,6 @@\n", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoNewlineAtEnd_MarksTheLastLine()
    {
        var patch = PatchWriter.Write("a.txt", "one\ntwo", "one\n2");

        Assert.EndsWith("-two\n\\ No newline at end of file\n+2\n\\ No newline at end of file\n", patch, StringComparison.Ordinal);
        Assert.True(UnifiedDiffParser.Parse(patch).IsSuccess);
    }

    [Fact]
    public void ChangedLines_Deletion_GivesTheLinesAroundIt()
    {
        var (added, around) = PatchWriter.ChangedLines("a\nb\nc\nd\n", "a\nd\n");

        Assert.Empty(added);
        Assert.Equal([1, 2], around);
    }
}
