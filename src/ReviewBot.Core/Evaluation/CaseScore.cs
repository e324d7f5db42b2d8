using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Evaluation;

/// <summary>How one review did on one <see cref="EvalCase"/>.</summary>
public sealed record CaseScore
{
    /// <summary>Inline comments posted (after the noise budget).</summary>
    public required int Comments { get; init; }

    /// <summary>Comments overlapping the bug's lines.</summary>
    public required int OnBug { get; init; }

    /// <summary>Comments anywhere else (for a control: every comment).</summary>
    public required int Elsewhere { get; init; }

    /// <summary>Some candidate of the search, posted or not, overlapped the bug: the critic saw it.</summary>
    public required bool CandidateCaught { get; init; }

    /// <summary>CBI: a posted comment overlaps the bug's lines. Always false for a control.</summary>
    public bool Caught => OnBug > 0;

    /// <summary>At least one comment on lines that are not the bug (any comment at all on a control).</summary>
    public bool Hallucinated => Elsewhere > 0;

    /// <summary>No comment at all.</summary>
    public bool Silent => Comments == 0;

    /// <summary>The LLM judge's verdict that a comment on the bug explains it; null when nobody judged.</summary>
    public bool? JudgedCaught { get; init; }
}

/// <summary>The evaluation's scoring rules, as the paper defines CBI and hallucinations, made operational by line overlap.</summary>
public static class CaseScoring
{
    public static CaseScore Score(EvalCase evalCase, ReviewResult review)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(review);
        var onBug = review.Comments.Count(c => Overlaps(evalCase, c.Path, c.StartLine ?? c.Line, c.Line));
        return new CaseScore
        {
            Comments = review.Comments.Count,
            OnBug = onBug,
            Elsewhere = review.Comments.Count - onBug,
            CandidateCaught = review.Candidates.Any(c => c.Critique.Highlights.Any(h => Overlaps(evalCase, h))),
        };
    }

    /// <summary>True when lines <paramref name="startLine"/>..<paramref name="endLine"/> of <paramref name="path"/> touch the bug.</summary>
    public static bool Overlaps(EvalCase evalCase, string path, int startLine, int endLine)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        if (evalCase.IsControl || !string.Equals(path, evalCase.Path, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var line in evalCase.Lines)
        {
            if (line >= startLine && line <= endLine)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Overlaps(EvalCase evalCase, Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(highlight);
        return Overlaps(evalCase, highlight.Path, highlight.StartLine, highlight.EndLine);
    }
}
