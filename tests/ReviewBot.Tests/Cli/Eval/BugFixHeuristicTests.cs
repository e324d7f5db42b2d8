using ReviewBot.Cli.Eval;

namespace ReviewBot.Tests.Cli.Eval;

public sealed class BugFixHeuristicTests
{
    [Theory]
    [InlineData("Fix off-by-one in Total", "", true)]
    [InlineData("Avoid NRE when the label is missing", "", true)]
    [InlineData("Crash on empty input", "", true)]
    [InlineData("Parser: regression in hunk headers", "", true)]
    [InlineData("Add a greeting", "", false)]
    [InlineData("Prefix the log lines", "", false)]
    [InlineData("Handle empty input", "Fixes #12", true)]
    [InlineData("Rename things", "This fixes nothing, just renames.", false)]
    public void IsFix_Message_Classified(string subject, string body, bool expected) => Assert.Equal(expected, BugFixHeuristic.IsFix(subject, body));
}
