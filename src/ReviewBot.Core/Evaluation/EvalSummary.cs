namespace ReviewBot.Core.Evaluation;

/// <summary>
/// The evaluation's figures over a set of reviews. Rates are shares in [0, 1]; a rate over an empty set is 0.
/// <list type="bullet">
/// <item><b>CBI</b>: tampers with a posted comment overlapping the bug / tampers.</item>
/// <item><b>Hallucination rate</b>: reviews with at least one comment off the bug (any comment on a control) / reviews.</item>
/// <item><b>Silence rate</b>: controls with no comment / controls.</item>
/// <item><b>Comments per review</b>: posted comments / reviews.</item>
/// </list>
/// </summary>
public sealed record EvalSummary
{
    public required int Reviews { get; init; }

    public required int Tampers { get; init; }

    public required int Controls { get; init; }

    public required double Cbi { get; init; }

    /// <summary>Tampers whose comment on the bug the LLM judge found to explain it / tampers; null without a judge.</summary>
    public double? JudgedCbi { get; init; }

    /// <summary>Tampers where any candidate of the search overlapped the bug / tampers: what the critic saw before ranking.</summary>
    public required double CandidateCbi { get; init; }

    public required double HallucinationRate { get; init; }

    public required double TamperHallucinationRate { get; init; }

    public required double ControlHallucinationRate { get; init; }

    public required double SilenceRate { get; init; }

    public required double CommentsPerReview { get; init; }

    public static EvalSummary From(IReadOnlyList<(EvalCase Case, CaseScore Score)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var tampers = results.Where(static r => !r.Case.IsControl).Select(static r => r.Score).ToList();
        var controls = results.Where(static r => r.Case.IsControl).Select(static r => r.Score).ToList();
        var judged = tampers.Where(static s => s.JudgedCaught is not null).ToList();
        return new EvalSummary
        {
            Reviews = results.Count,
            Tampers = tampers.Count,
            Controls = controls.Count,
            Cbi = Share(tampers, static s => s.Caught),
            JudgedCbi = judged.Count == 0 ? null : Share(tampers, static s => s.JudgedCaught == true),
            CandidateCbi = Share(tampers, static s => s.CandidateCaught),
            HallucinationRate = Share(results.Select(static r => r.Score).ToList(), static s => s.Hallucinated),
            TamperHallucinationRate = Share(tampers, static s => s.Hallucinated),
            ControlHallucinationRate = Share(controls, static s => s.Hallucinated),
            SilenceRate = Share(controls, static s => s.Silent),
            CommentsPerReview = results.Count == 0 ? 0 : results.Sum(static r => r.Score.Comments) / (double)results.Count,
        };
    }

    /// <summary>One summary per kind of bug (controls excluded), ordered by kind.</summary>
    public static IReadOnlyList<(string Kind, EvalSummary Summary)> ByKind(IReadOnlyList<(EvalCase Case, CaseScore Score)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.Where(static r => !r.Case.IsControl)
            .GroupBy(static r => r.Case.Kind!, StringComparer.Ordinal)
            .OrderBy(static g => g.Key, StringComparer.Ordinal)
            .Select(static g => (g.Key, From([.. g])))];
    }

    private static double Share(List<CaseScore> scores, Func<CaseScore, bool> predicate) =>
        scores.Count == 0 ? 0 : scores.Count(predicate) / (double)scores.Count;
}
