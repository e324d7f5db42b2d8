using Microsoft.Extensions.Options;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;

namespace ReviewBot.Core.Critiques;

/// <summary>
/// The critic that needs no model: it collects findings from every <see cref="IFindingSource"/>, keeps those on
/// lines the change added, and lets FSBS sample critiques from them with <see cref="FindingSampler"/>.
/// </summary>
public sealed class OfflineCritic(IEnumerable<IFindingSource> sources, IOptions<RankingOptions> options) : ICritic
{
    private readonly IFindingSource[] _sources = [.. sources];

    public string Name => "offline";

    public async Task<ICritiqueSampler> StartAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var all = await Task.WhenAll(_sources.Select(s => s.FindAsync(context, cancellationToken))).ConfigureAwait(false);
        var findings = all.SelectMany(static f => f)
            .Where(h => IsOnChangedLines(context, h))
            .GroupBy(static h => h.Key, StringComparer.Ordinal)
            .Select(static g => g.MaxBy(static h => h.Confidence)!)
            .OrderBy(static h => h.Path, StringComparer.Ordinal)
            .ThenBy(static h => h.StartLine)
            .ThenBy(static h => h.RuleId, StringComparer.Ordinal)
            .ToList();
        return new FindingSampler(findings, options.Value.Seed);
    }

    /// <summary>
    /// Findings on unchanged code are not offered: the quote must touch a line the change added and, on a later push,
    /// a line that changed since the last review.
    /// </summary>
    private static bool IsOnChangedLines(ChangeContext context, Highlight highlight)
    {
        var file = context.Diff.FindFile(highlight.Path);
        if (file is null || !file.IsCommentableRange(highlight.StartLine, highlight.EndLine) || !context.IsInFocus(highlight.Path, highlight.StartLine, highlight.EndLine))
        {
            return false;
        }

        for (var line = highlight.StartLine; line <= highlight.EndLine; line++)
        {
            if (file.FindNewLine(line)?.Kind == DiffLineKind.Added)
            {
                return true;
            }
        }

        return false;
    }
}
