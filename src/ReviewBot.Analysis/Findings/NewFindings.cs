using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// The common last steps of every C# finding source: keep findings that touch an added line, drop those that already
/// existed at base (<see cref="Baseline"/>), and make highlights of the rest.
/// </summary>
internal static class NewFindings
{
    /// <param name="head">Every trusted head finding, on any line of the changed files.</param>
    /// <param name="findAtBase">Finds the base findings of the given rule ids; only called when there is something to compare.</param>
    /// <param name="cancellationToken">Cancels the base analysis.</param>
    public static async Task<IReadOnlyList<Highlight>> SelectAsync(
        IReadOnlyList<Finding> head,
        Func<IReadOnlySet<string>, CancellationToken, Task<IReadOnlyList<Finding>>> findAtBase,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(findAtBase);
        var candidates = head.Where(static f => f.File.TouchesAddedLine(f.FirstLine, f.LastLine)).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var ruleIds = candidates.Select(static f => f.RuleId).ToHashSet(StringComparer.Ordinal);
        var atBase = candidates.Exists(static f => f.File.Base is not null)
            ? await findAtBase(ruleIds, cancellationToken).ConfigureAwait(false)
            : [];
        var kept = Baseline.KeepNew(candidates, head.Where(f => ruleIds.Contains(f.RuleId)).Select(static f => f.Key), atBase.Select(static f => f.Key));
        return [.. kept.Select(HighlightFactory.Create).OfType<Highlight>()];
    }
}
