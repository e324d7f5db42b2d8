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

    private static readonly ChangedFile Renamed = new(
        TestChanges.Parse(TestChanges.UnifiedDiff("b.cs", null, Lines, 3)).Files[0],
        FileVersion.Complete(Lines),
        null);

    private const string Lines = "return Make(newestValue.FullName, 1);\nif (a < b) x = x;\nreturn Make(other.FullName, 1);\n";

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
    public void KeepNew_DifferentRuleOrShape_IsNew()
    {
        var kept = Baseline.KeepNew([At(0), At(1)], [Key("x = x;"), Key("y = y;")], [new BaselineKey("RB0005", "x = x;"), Key("z += 1;")]);

        Assert.Equal(2, kept.Count);
    }

    [Fact]
    public void KeepNew_LineOnlyRenamedSinceBase_IsNotNew()
    {
        var kept = Baseline.KeepNew([At(0, Renamed)], [Key("return Make(newestValue.FullName, 1);")], [Key("return Make(newest.FullName, 1);")]);

        Assert.Empty(kept);
    }

    [Fact]
    public void KeepNew_RenamedLinePlusAnotherOfTheSameShape_KeepsOne()
    {
        var kept = Baseline.KeepNew(
            [At(0, Renamed), At(2, Renamed)],
            [Key("return Make(newestValue.FullName, 1);"), Key("return Make(other.FullName, 1);")],
            [Key("return Make(newest.FullName, 1);")]);

        Assert.Single(kept);
    }

    [Fact]
    public void KeepNew_ChangedOperator_IsNew()
    {
        var kept = Baseline.KeepNew([At(1, Renamed)], [Key("if (a < b) x = x;")], [Key("if (a <= b) x = x;")]);

        Assert.Single(kept);
    }

    private static BaselineKey Key(string text) => new("RB0004", text);

    private static Finding At(int line, ChangedFile? file = null) => new()
    {
        File = file ?? File,
        FirstLine = line,
        LastLine = line,
        RuleId = "RB0004",
        Kind = FindingKind.Bug,
        Confidence = 0.9,
        Comment = "self-assignment",
    };
}
