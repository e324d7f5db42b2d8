using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Text;

/// <summary>What a line check found on one or more consecutive added lines of a hunk.</summary>
internal sealed record LineFinding(string RuleId, FindingKind Kind, double Confidence, string Comment)
{
    /// <summary>A highlight quoting <paramref name="lines"/> (consecutive new-side lines of one hunk) exactly.</summary>
    public Highlight ToHighlight(string path, IReadOnlyList<DiffLine> lines) => new()
    {
        Path = path,
        StartLine = lines[0].NewLine,
        EndLine = lines[^1].NewLine,
        Quote = string.Join('\n', lines.Select(static l => l.Text)),
        Comment = Comment,
        Kind = Kind,
        Source = HighlightSource.Offline,
        RuleId = RuleId,
        Confidence = Confidence,
        OnAddedLine = lines.Any(static l => l.Kind == DiffLineKind.Added),
    };
}
