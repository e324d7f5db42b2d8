using System.Globalization;
using System.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Tests.Diffs;

/// <summary>parse(write(d)) equals d, field for field, for real patches, hand-made corner cases and fuzzed inputs.</summary>
public sealed class UnifiedDiffWriterTests
{
    private const string Alphabet = " +-@\n\\\"ab\t";

    public static TheoryData<string> Patches => [.. TestPatches.All];

    [Theory]
    [MemberData(nameof(Patches))]
    public void Write_RealPatch_ParsesBackToTheSameDiff(string name)
    {
        var diff = UnifiedDiffParser.Parse(TestPatches.Bytes(name)).GetDiffOrThrow();

        var written = UnifiedDiffWriter.Write(diff);

        Assert.Equal(Describe(diff), Describe(UnifiedDiffParser.Parse(written).GetDiffOrThrow()));
        Assert.Equal(written, UnifiedDiffWriter.Write(UnifiedDiffParser.Parse(written).GetDiffOrThrow()));
    }

    [Fact]
    public void Write_AwkwardPathsModesAndMarkers_ParsesBackToTheSameDiff()
    {
        var diff = new UnifiedDiff
        {
            Files =
            [
                new DiffFile
                {
                    OldPath = "docs/read me.md", NewPath = "docs/read me.md", Change = FileChangeKind.Modified, OldMode = "100644", NewMode = "100755",
                    Hunks = [Hunk(3, [(DiffLineKind.Context, "a"), (DiffLineKind.Deleted, "b"), (DiffLineKind.Added, "c\tindented")], "## Section")],
                },
                new DiffFile
                {
                    OldPath = "src/\"quoted\"\\x.cs", NewPath = "src/Ünïcode 😀.cs", Change = FileChangeKind.Renamed, Similarity = 87,
                    Hunks = [Hunk(1, [(DiffLineKind.Added, ""), (DiffLineKind.Context, "")], "")],
                },
                new DiffFile { OldPath = "old.bin", NewPath = "new.bin", Change = FileChangeKind.Copied, Similarity = 100, IsBinary = true },
                new DiffFile { NewPath = "added-empty.txt", Change = FileChangeKind.Added, NewMode = "100644" },
                new DiffFile { NewPath = "image.png", Change = FileChangeKind.Added, IsBinary = true },
                new DiffFile { OldPath = "gone.txt", Change = FileChangeKind.Deleted },
                new DiffFile
                {
                    OldPath = "tail.txt", NewPath = "tail.txt", Change = FileChangeKind.Modified,
                    Hunks = [Hunk(9, [(DiffLineKind.Deleted, "last"), (DiffLineKind.Added, "last, changed")], "", noNewlineOnLast: true)],
                },
            ],
        };

        var written = UnifiedDiffWriter.Write(diff);

        Assert.Equal(Describe(diff), Describe(UnifiedDiffParser.Parse(written).GetDiffOrThrow()));
    }

    [Fact]
    public void Write_FilePatchesFromTheFilesApi_ParsesBackToTheSameDiff()
    {
        var added = UnifiedDiffParser.ParseFilePatch("src/New.cs", "@@ -0,0 +1,2 @@\n+class New\n+{\n", FileChangeKind.Added).GetDiffOrThrow();
        var renamed = UnifiedDiffParser.ParseFilePatch("src/B.cs", "@@ -1 +1 @@\n-x\n+y", FileChangeKind.Renamed, "src/A.cs").GetDiffOrThrow();
        var binary = UnifiedDiffParser.ParseFilePatch("logo.png", null, FileChangeKind.Added).GetDiffOrThrow();
        var diff = new UnifiedDiff { Files = [.. added.Files, .. renamed.Files, .. binary.Files] };

        Assert.Equal(Describe(diff), Describe(UnifiedDiffParser.Parse(UnifiedDiffWriter.Write(diff)).GetDiffOrThrow()));
    }

    [Fact]
    public void Write_MutatedPatchesTheParserAccepts_ParseBackToTheSameDiff()
    {
        var random = new Random(424242);
        var corpus = TestPatches.All.Select(TestPatches.Bytes).ToArray();
        var checkedDiffs = 0;
        for (var i = 0; i < 1500; i++)
        {
            var bytes = (byte[])corpus[random.Next(corpus.Length)].Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                bytes[random.Next(bytes.Length)] = (byte)Alphabet[random.Next(Alphabet.Length)];
            }

            // An empty path (a header mangled down to "a/") has no text form; real diffs never have one.
            if (UnifiedDiffParser.Parse(bytes).Diff is not { } diff || diff.Files.Any(static f => f.OldPath == "" || f.NewPath == ""))
            {
                continue;
            }

            checkedDiffs++;
            Assert.Equal(Describe(diff), Describe(UnifiedDiffParser.Parse(UnifiedDiffWriter.Write(diff)).GetDiffOrThrow()));
        }

        Assert.True(checkedDiffs > 100, $"only {checkedDiffs} mutated patches parsed");
    }

    [Theory]
    [InlineData("src/a.cs", "src/a.cs")]
    [InlineData("a b.cs", "\"a b.cs\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("é", "\"\\303\\251\"")]
    public void Quote_Path_QuotesOnlyWhenNeeded(string path, string expected) => Assert.Equal(expected, UnifiedDiffWriter.Quote(path));

    private static DiffHunk Hunk(int start, (DiffLineKind Kind, string Text)[] lines, string section, bool noNewlineOnLast = false)
    {
        var (oldLine, newLine) = (start, start);
        var body = new List<DiffLine>();
        foreach (var (kind, text) in lines)
        {
            body.Add(kind switch
            {
                DiffLineKind.Added => new DiffLine(kind, 0, newLine++, text),
                DiffLineKind.Deleted => new DiffLine(kind, oldLine++, 0, text),
                _ => new DiffLine(kind, oldLine++, newLine++, text),
            });
        }

        if (noNewlineOnLast)
        {
            body[^1] = body[^1] with { NoNewlineAtEnd = true };
        }

        return new DiffHunk
        {
            OldStart = start,
            OldCount = lines.Count(static l => l.Kind != DiffLineKind.Added),
            NewStart = start,
            NewCount = lines.Count(static l => l.Kind != DiffLineKind.Deleted),
            Section = section,
            Lines = body,
        };
    }

    /// <summary>Every field of the diff, so two descriptions are equal exactly when the diffs are.</summary>
    private static string Describe(UnifiedDiff diff)
    {
        var text = new StringBuilder();
        foreach (var f in diff.Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"file [{f.OldPath}] [{f.NewPath}] {f.Change} [{f.OldMode}] [{f.NewMode}] {f.IsBinary} [{f.Similarity}]\n");
            foreach (var h in f.Hunks)
            {
                text.Append(CultureInfo.InvariantCulture, $" hunk {h.OldStart},{h.OldCount} {h.NewStart},{h.NewCount} [{h.Section}]\n");
                foreach (var l in h.Lines)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {l.Kind} {l.OldLine} {l.NewLine} {l.NoNewlineAtEnd} [{l.Text}]\n");
                }
            }
        }

        return text.ToString();
    }
}
