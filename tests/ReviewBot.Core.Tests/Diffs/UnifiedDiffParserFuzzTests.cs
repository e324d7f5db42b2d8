using System.Text;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Tests.Diffs;

/// <summary>
/// Random and mutated real patches: the parser must never throw, and whatever it accepts must be consistent
/// (line numbers that count up inside each hunk, counts that match the header).
/// </summary>
public sealed class UnifiedDiffParserFuzzTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Parse_MutatedRealPatches_NeverThrowsAndAcceptedDiffsAreConsistent()
    {
        var random = new Random(20261121);
        var corpus = TestPatches.All.Select(TestPatches.Bytes).ToArray();
        var accepted = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(corpus[random.Next(corpus.Length)], random);
            var result = UnifiedDiffParser.Parse(input);
            Assert.True(result.IsSuccess ^ (result.Error is not null), "a result is either a diff or an error");
            if (result.Diff is { } diff)
            {
                accepted++;
                AssertConsistent(diff);
            }
        }

        // Most single mutations land in content or headers the parser tolerates; some must still be rejected.
        Assert.InRange(accepted, Iterations / 10, Iterations - 1);
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(7);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var result = UnifiedDiffParser.Parse(bytes);
            Assert.True(result.IsSuccess || result.Error!.Message.Length > 0);
        }
    }

    [Fact]
    public void Parse_RandomLinesWithDiffMarkers_NeverThrows()
    {
        string[] pieces = ["diff --git a/x b/x", "--- a/x", "+++ b/x", "@@ -1,2 +1,3 @@", "@@ -0,0 +1 @@", " ctx", "+add", "-del", "\\ No newline at end of file", "rename from \"q\\303\\244\"", "GIT binary patch", "", "@@ -1 +1,999999999 @@", "diff --git \"a/unterminated"];
        var random = new Random(11);
        for (var i = 0; i < Iterations; i++)
        {
            var text = string.Join('\n', Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var result = UnifiedDiffParser.Parse(text);
            if (result.Diff is { } diff)
            {
                AssertConsistent(diff);
            }
        }
    }

    [Fact]
    public void ParseFilePatch_MutatedHunks_NeverThrows()
    {
        var random = new Random(3);
        var hunks = Encoding.UTF8.GetString(TestPatches.Bytes("git-mixed.patch")).Split('\n').Where(l => l.Length == 0 || l[0] is ' ' or '+' or '-' or '@').ToArray();
        for (var i = 0; i < Iterations; i++)
        {
            var start = random.Next(hunks.Length);
            var patch = string.Join('\n', hunks.Skip(start).Take(random.Next(1, 20)));
            _ = UnifiedDiffParser.ParseFilePatch("f.txt", patch);
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)"+- @\\\n\r"[random.Next(7)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }

    private static void AssertConsistent(UnifiedDiff diff)
    {
        foreach (var hunk in diff.Files.SelectMany(f => f.Hunks))
        {
            Assert.Equal(hunk.OldCount, hunk.Lines.Count(l => l.Kind != DiffLineKind.Added));
            Assert.Equal(hunk.NewCount, hunk.Lines.Count(l => l.Kind != DiffLineKind.Deleted));
            var expectedNew = hunk.NewStart;
            foreach (var line in hunk.Lines.Where(l => l.IsOnNewSide))
            {
                Assert.Equal(expectedNew++, line.NewLine);
                Assert.True(hunk.ContainsNewLine(line.NewLine));
            }
        }
    }
}
