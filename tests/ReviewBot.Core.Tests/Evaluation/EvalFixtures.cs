using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Core.Tests.Evaluation;

/// <summary>A tamper on line 12 of src/Sum.cs, a control, and reviews of them.</summary>
internal static class EvalFixtures
{
    public const string Patch = """
        diff --git a/src/Sum.cs b/src/Sum.cs
        --- a/src/Sum.cs
        +++ b/src/Sum.cs
        @@ -9,7 +9,8 @@
             public static int Total(int[] values)
             {
                 var total = 0;
        -        for (var i = 0; i < values.Length; i++)
        +        // Add them all up.
        +        for (var i = 0; i <= values.Length; i++)
                 {
                     total += values[i];
                 }

        """;

    public static EvalCase Tamper { get; } = new()
    {
        Id = "t0001-boundary-flip",
        Kind = "boundary-flip",
        Path = "src/Sum.cs",
        Lines = [13],
        HarmlessLines = [12],
        Description = "loop bound changed from < to <=: the loop runs one pass too many (one past the end)",
        Gold = "`i <= values.Length` reads one past the end. The bound should be `<`.",
        Patch = Patch,
    };

    public static EvalCase Control { get; } = new()
    {
        Id = "c0001-control",
        Path = "src/Sum.cs",
        HarmlessLines = [12],
        Description = "control: added a comment",
        Patch = Patch,
    };

    public static UnifiedDiff Diff => UnifiedDiffParser.Parse(Patch).Diff!;

    public static Highlight Highlight(int line, string comment = "The loop reads one past the end.", string? rule = "RB0009") => new()
    {
        Path = "src/Sum.cs",
        StartLine = line,
        EndLine = line,
        Quote = Diff.FindFile("src/Sum.cs")!.FindNewLine(line)!.Text,
        Comment = comment,
        RuleId = rule,
        Confidence = 0.9,
    };

    public static ReviewResult Review(params int[] commentLines) => new()
    {
        Comments = [.. commentLines.Select(static line => new ReviewComment
        {
            Path = "src/Sum.cs",
            Line = line,
            Quote = "…",
            Body = "…",
            Kind = FindingKind.Bug,
            Score = 1,
            Fingerprint = "f" + line,
        })],
        Summary = "",
        Stats = new ReviewStats(),
        Provenance = new ReviewProvenance { Critic = "offline", RewardModel = "heuristic-v1", Seed = 0, SearchMode = SearchMode.Fsbs },
        Candidates = [.. commentLines.Select(static line => new ScoredCandidate(Critique.Empty.Append(Highlight(line)), 1, 1, null))],
    };
}
