using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Critiques;

/// <summary>
/// A deterministic checker the offline critic draws highlights from (Roslyn diagnostics, ReviewBot's rules,
/// language-agnostic checks). Each finding is a candidate highlight with a confidence.
/// </summary>
public interface IFindingSource
{
    /// <summary>A short name recorded with findings, e.g. <c>roslyn</c> or <c>text</c>.</summary>
    string Name { get; }

    /// <summary>Findings on the new side of the change. Sources may return findings on unchanged lines; the critic filters them.</summary>
    Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, CancellationToken cancellationToken);
}
