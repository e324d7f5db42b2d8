using System.Globalization;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Core.Tests.Diffs;

public sealed class LineDiffTests
{
    [Fact]
    public void AddedLines_InsertionInTheMiddle_IsExactlyTheInsertedLines()
    {
        string[] older = ["a", "b", "c", "d"];
        string[] newer = ["a", "b", "x", "y", "c", "d"];

        Assert.Equal(new HashSet<int> { 3, 4 }, LineDiff.AddedLines(older, newer));
    }

    [Fact]
    public void AddedLines_ChangedLine_CountsAsAdded()
    {
        string[] older = ["int x = 1;", "return x;"];
        string[] newer = ["int x = 2;", "return x;"];

        Assert.Equal(new HashSet<int> { 1 }, LineDiff.AddedLines(older, newer));
    }

    [Fact]
    public void AddedLines_IdenticalOrOnlyDeletions_IsEmpty()
    {
        string[] older = ["a", "b", "c"];

        Assert.Empty(LineDiff.AddedLines(older, older)!);
        Assert.Empty(LineDiff.AddedLines(older, ["a", "c"])!);
    }

    [Fact]
    public void AddedLines_NewFile_IsEveryLine()
    {
        Assert.Equal(new HashSet<int> { 1, 2, 3 }, LineDiff.AddedLines([], ["a", "b", "c"]));
    }

    [Fact]
    public void AddedLines_OverTheEditBudget_IsNull()
    {
        var older = Enumerable.Range(0, 100).Select(static i => "old" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var newer = Enumerable.Range(0, 100).Select(static i => "new" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

        Assert.Null(LineDiff.AddedLines(older, newer, maxEdits: 50));
        Assert.Equal(100, LineDiff.AddedLines(older, newer, maxEdits: 500)!.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AddedLines_RandomEdits_KeepACommonSubsequenceAndAddNoMoreThanWasInserted(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            // A small alphabet makes repeated lines, the hard case for a diff.
            var older = Enumerable.Range(0, random.Next(0, 40)).Select(_ => "l" + random.Next(0, 6).ToString(CultureInfo.InvariantCulture)).ToList();
            var newer = new List<string>(older);
            var inserted = 0;
            for (var edit = random.Next(0, 8); edit > 0; edit--)
            {
                if (newer.Count > 0 && random.Next(2) == 0)
                {
                    newer.RemoveAt(random.Next(newer.Count));
                }
                else
                {
                    newer.Insert(random.Next(newer.Count + 1), "l" + random.Next(0, 9).ToString(CultureInfo.InvariantCulture));
                    inserted++;
                }
            }

            var added = LineDiff.AddedLines(older, newer)!;

            Assert.True(added.Count <= inserted, $"{added.Count} added for {inserted} inserted");
            Assert.All(added, line => Assert.InRange(line, 1, newer.Count));
            var kept = newer.Where((_, i) => !added.Contains(i + 1)).ToList();
            Assert.True(IsSubsequence(kept, older), "the lines not reported as added must all come from the older version, in order");
        }
    }

    private static bool IsSubsequence(List<string> candidate, List<string> of)
    {
        var i = 0;
        foreach (var line in of)
        {
            if (i < candidate.Count && candidate[i] == line)
            {
                i++;
            }
        }

        return i == candidate.Count;
    }
}
