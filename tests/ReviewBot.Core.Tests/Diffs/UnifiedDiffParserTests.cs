using System.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Tests.Diffs;

public sealed class UnifiedDiffParserTests
{
    [Fact]
    public void Parse_GitDiffWithEveryKindOfChange_ReadsFilesAndKinds()
    {
        var diff = Parse("git-mixed.patch");

        var byPath = diff.Files.ToDictionary(f => f.Path);
        Assert.Equal(FileChangeKind.Modified, byPath["a.txt"].Change);
        Assert.Equal(FileChangeKind.Added, byPath["added.txt"].Change);
        Assert.Null(byPath["added.txt"].OldPath);
        Assert.Equal(FileChangeKind.Deleted, byPath["gone.txt"].Change);
        Assert.Null(byPath["gone.txt"].NewPath);
        Assert.Equal(FileChangeKind.Copied, byPath["copy-of-a.txt"].Change);
        Assert.Equal("a.txt", byPath["copy-of-a.txt"].OldPath);
        Assert.Equal(60, byPath["copy-of-a.txt"].Similarity);
        Assert.True(byPath["blob.bin"].IsBinary);
        Assert.Empty(byPath["blob.bin"].Hunks);
    }

    [Fact]
    public void Parse_RenameWithQuotedNonAsciiPath_UnquotesBothSides()
    {
        var file = Parse("git-mixed.patch").FindFile("new näme.txt");

        Assert.NotNull(file);
        Assert.Equal(FileChangeKind.Renamed, file.Change);
        Assert.Equal("old name.txt", file.OldPath);
        Assert.Equal(5, file.Hunks.Single().Lines.Single(l => l.Kind == DiffLineKind.Added).NewLine);
    }

    [Fact]
    public void Parse_ModeChangeOnly_RecordsModesWithoutHunks()
    {
        var file = Parse("git-mixed.patch").FindFile("run.sh")!;

        Assert.Equal("100644", file.OldMode);
        Assert.Equal("100755", file.NewMode);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void Parse_MultipleHunks_NumbersEveryLineOnBothSides()
    {
        var big = Parse("git-mixed.patch").FindFile("big.txt")!;

        Assert.Equal(3, big.Hunks.Count);
        var second = big.Hunks[1];
        Assert.Equal((17, 7, 17, 7), (second.OldStart, second.OldCount, second.NewStart, second.NewCount));
        Assert.Equal("row 16", second.Section);
        var added = second.Lines.Single(l => l.Kind == DiffLineKind.Added);
        Assert.Equal(("row twenty", 0, 20), (added.Text, added.OldLine, added.NewLine));
        var deleted = second.Lines.Single(l => l.Kind == DiffLineKind.Deleted);
        Assert.Equal((20, 0), (deleted.OldLine, deleted.NewLine));
        Assert.Equal(Enumerable.Range(17, 7), second.Lines.Where(l => l.IsOnNewSide).Select(l => l.NewLine));
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(20, true)]
    [InlineData(23, true)]
    [InlineData(16, false)]
    [InlineData(24, false)]
    [InlineData(10, false)]
    public void IsCommentable_LinesInsideAndOutsideHunks_AnswersByHunkRange(int line, bool expected) =>
        Assert.Equal(expected, Parse("git-mixed.patch").IsCommentable("big.txt", line));

    [Fact]
    public void IsCommentableRange_SpanningTwoHunks_IsRejected()
    {
        var big = Parse("git-mixed.patch").FindFile("big.txt")!;

        Assert.True(big.IsCommentableRange(18, 22));
        Assert.False(big.IsCommentableRange(5, 18));
        Assert.False(big.IsCommentableRange(22, 18));
    }

    [Fact]
    public void Parse_NoNewlineMarkers_MarkTheLastLineOfEachSide()
    {
        var file = Parse("git-mixed.patch").FindFile("nonl.txt")!;

        var lines = file.Hunks.Single().Lines;
        Assert.All(lines, l => Assert.True(l.NoNewlineAtEnd));
        Assert.Equal("no newline at end, changed", lines.Single(l => l.Kind == DiffLineKind.Added).Text);
    }

    [Fact]
    public void Parse_CrlfFile_StripsCarriageReturnsFromContent()
    {
        var file = Parse("git-mixed.patch").FindFile("win.txt")!;

        Assert.Equal("crlf 2", file.Hunks.Single().Lines.Single(l => l.Kind == DiffLineKind.Added).Text);
    }

    [Fact]
    public void Parse_Latin1Bytes_DecodesTheLineAsLatin1InsteadOfFailing()
    {
        var file = Parse("git-mixed.patch").FindFile("latin.txt")!;

        Assert.Equal("café latin-1 à jour", file.Hunks.Single().Lines.Single(l => l.Kind == DiffLineKind.Added).Text);
    }

    [Fact]
    public void Parse_GitBinaryPatch_SkipsTheBinaryDataAndReadsTheNextFile()
    {
        var diff = Parse("git-binary.patch");

        Assert.True(diff.FindFile("blob.bin")!.IsBinary);
        Assert.Equal(FileChangeKind.Added, diff.FindFile("copy-of-a.txt")!.Change);
        Assert.Contains(diff.Files, f => f.Path == "win.txt");
    }

    [Fact]
    public void Parse_FormatPatch_IgnoresMailHeadersAndSignature()
    {
        var diff = Parse("format-patch.patch");

        Assert.Equal(Parse("git-binary.patch").Files.Select(f => f.Path).Order(), diff.Files.Select(f => f.Path).Order());
        Assert.DoesNotContain(diff.Files, f => f.Path.Contains("2.39", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ZeroContext_ReadsOmittedCountsAsOne()
    {
        var big = Parse("git-u0.patch").FindFile("big.txt")!;

        Assert.Equal([3, 20, 38], big.Hunks.Select(h => h.NewStart));
        Assert.All(big.Hunks, h => Assert.Equal((1, 1), (h.OldCount, h.NewCount)));
    }

    [Fact]
    public void Parse_NoPrefixDiff_KeepsPathsAsGiven()
    {
        var diff = Parse("no-prefix.patch");

        Assert.Equal(["a.txt", "big.txt"], diff.Files.Select(f => f.Path));
    }

    [Fact]
    public void Parse_PlainDiffU_StripsTimestampsAndReadsARename()
    {
        var file = Parse("plain-diff-u.patch").Files.Single();

        Assert.Equal("repo/a.txt", file.OldPath);
        Assert.Equal("repo/copy-of-a.txt", file.NewPath);
        Assert.Equal(FileChangeKind.Renamed, file.Change);
    }

    [Fact]
    public void Parse_StringAndBytes_GiveTheSameResult()
    {
        var bytes = TestPatches.Bytes("csharp-format-patch.patch");

        var fromBytes = UnifiedDiffParser.Parse(bytes).GetDiffOrThrow();
        var fromString = UnifiedDiffParser.Parse(Encoding.UTF8.GetString(bytes)).GetDiffOrThrow();

        Assert.Equal(fromBytes.Files.Single().NewSideLines.Select(l => (l.NewLine, l.Text)), fromString.Files.Single().NewSideLines.Select(l => (l.NewLine, l.Text)));
    }

    [Fact]
    public void Parse_EmptyInput_IsAnEmptyDiff()
    {
        var result = UnifiedDiffParser.Parse("");

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Diff!.Files);
    }

    [Theory]
    [InlineData("hello world\nthis is not a diff\n", 1, "not a unified diff")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n", 5, "hunk truncated")]
    [InlineData("--- a/x\n+++ b/x\n@@ -1 +1 @@\n+a\n+b\n", 5, "does not fit")]
    [InlineData("--- a/x\n+++ b/x\n@@ -x +1 @@\n", 3, "malformed hunk header")]
    [InlineData("@@ -1 +1 @@\n-a\n+b\n", 1, "without a file header")]
    [InlineData("diff --git a/x b/x\n--- a/x\nnot plus\n", 2, "'---' line without")]
    public void Parse_BadInput_ReturnsAnErrorWithItsLine(string text, int line, string message)
    {
        var result = UnifiedDiffParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Equal(line, result.Error!.Line);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFilePatch_GitHubFilesApiPatch_ReadsHunksWithoutHeaders()
    {
        const string patch = "@@ -132,3 +132,3 @@ module Test\n   ctx = 1\n-  old\n+  new\n   end\n";

        var file = UnifiedDiffParser.ParseFilePatch("lib/test.rb", patch).GetDiffOrThrow().Files.Single();

        Assert.Equal("lib/test.rb", file.Path);
        Assert.True(file.IsCommentable(133));
        Assert.Equal("  new", file.FindNewLine(133)!.Text);
    }

    [Fact]
    public void ParseFilePatch_MissingPatch_IsBinaryOrTooLarge()
    {
        var file = UnifiedDiffParser.ParseFilePatch("image.png", null).GetDiffOrThrow().Files.Single();

        Assert.True(file.IsBinary);
        Assert.Empty(file.Hunks);
    }

    [Fact]
    public void ParseFilePatch_GarbageBeforeTheFirstHunk_IsAnError()
    {
        var result = UnifiedDiffParser.ParseFilePatch("x.cs", "oops\n@@ -1 +1 @@\n-a\n+b\n");

        Assert.False(result.IsSuccess);
        Assert.Equal(1, result.Error!.Line);
    }

    private static UnifiedDiff Parse(string name) => UnifiedDiffParser.Parse(TestPatches.Bytes(name)).GetDiffOrThrow();
}
