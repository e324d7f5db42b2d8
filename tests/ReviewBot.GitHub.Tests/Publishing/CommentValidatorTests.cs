using ReviewBot.Core.Diffs;
using ReviewBot.GitHub.Publishing;
using ReviewBot.GitHub.Tests.TestSupport;

namespace ReviewBot.GitHub.Tests.Publishing;

public sealed class CommentValidatorTests
{
    private static readonly UnifiedDiff Diff = UnifiedDiffParser.Parse(
        Patches.ModifiedFile("src/B.cs", 10, "first();", "second();") +
        Patches.ModifiedFile("src/B.cs", 40, "third();").Replace("diff --git a/src/B.cs b/src/B.cs\nindex 1111111..2222222 100644\n--- a/src/B.cs\n+++ b/src/B.cs\n", "", StringComparison.Ordinal) +
        Patches.BinaryFile("img/a.png")).GetDiffOrThrow();

    [Theory]
    [InlineData("src/B.cs", 13, null, "RIGHT", true)]
    [InlineData("src/B.cs", 17, 10, "RIGHT", true)]
    [InlineData("src/B.cs", 9, null, "RIGHT", false)]
    [InlineData("src/B.cs", 18, null, "RIGHT", false)]
    [InlineData("src/B.cs", 43, 13, "RIGHT", false)]
    [InlineData("src/B.cs", 12, 14, "RIGHT", false)]
    [InlineData("src/B.cs", 15, null, "LEFT", true)]
    [InlineData("src/B.cs", 16, null, "LEFT", false)]
    [InlineData("src/B.cs", 13, null, "MIDDLE", false)]
    [InlineData("src/C.cs", 1, null, "RIGHT", false)]
    [InlineData("img/a.png", 1, null, "RIGHT", false)]
    public void Problem_Placement_MatchesGitHubsRule(string path, int line, int? start, string side, bool ok)
    {
        var comment = Reviews.Comment(path, line, "quote", start) with { Side = side };

        Assert.Equal(ok, CommentValidator.Problem(Diff, comment) is null);
    }
}
