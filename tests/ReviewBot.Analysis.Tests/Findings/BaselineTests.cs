using ReviewBot.Analysis.Changes;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Tests.Findings;

public sealed class BaselineTests
{
    private static readonly ChangedFile File = new(
        TestChanges.Parse(TestChanges.UnifiedDiff("a.cs", null, "x = x;\ny = y;\n  x   =  x;\n", 3)).Files[0],
        FileVersion.Complete("x = x;\ny = y;\n  x   =  x;\n"),
        null);

    [Fact]
    public void KeepNew_SameRuleAndTextAtBase_IsNotNew()
    {
        var kept = Baseline.KeepNew([At(0)], [Key("x = x;")], [Key("x = x;")]);

        Assert.Empty(kept);
    }

    [Fact]
    public void KeepNew_OneMoreOccurrenceThanAtBase_KeepsOneRegardlessOfWhitespace()
    {
        var kept = Baseline.KeepNew([At(0), At(2)], [Key("x = x;"), Key("x = x;")], [Key("x = x;")]);

        Assert.Single(kept);
    }

    [Fact]
    public void KeepNew_DifferentRuleOrText_IsNew()
    {
        var kept = Baseline.KeepNew([At(0), At(1)], [Key("x = x;"), Key("y = y;")], [new BaselineKey("RB0005", "x = x;"), Key("z = z;")]);

        Assert.Equal(2, kept.Count);
    }

    private static BaselineKey Key(string text) => new("RB0004", text);

    private static Finding At(int line) => new()
    {
        File = File,
        FirstLine = line,
        LastLine = line,
        RuleId = "RB0004",
        Kind = FindingKind.Bug,
        Confidence = 0.9,
        Comment = "self-assignment",
    };
}
