using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Changes;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Text;

/// <summary>
/// Language-agnostic checks on the added lines of every text file: conflict markers (RB1001), committed secrets
/// (RB1002) and debug leftovers (RB1003). Works from the diff alone; binary, deleted, generated and huge files are
/// skipped. One finding per line at most, the most serious first.
/// </summary>
internal sealed class TextFindingSource(IOptions<AnalysisOptions> options) : IFindingSource
{
    public string Name => "text";

    public Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.Value;
        if (!settings.TextChecks)
        {
            return Task.FromResult<IReadOnlyList<Highlight>>([]);
        }

        return Task.Run<IReadOnlyList<Highlight>>(() => Find(context.Diff, settings, cancellationToken), cancellationToken);
    }

    internal static List<Highlight> Find(UnifiedDiff diff, AnalysisOptions settings, CancellationToken cancellationToken)
    {
        var highlights = new List<Highlight>();
        foreach (var file in diff.Files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FileFilter.CheckDiff(file, settings.MaxFileBytes) is not null)
            {
                continue;
            }

            foreach (var hunk in file.Hunks)
            {
                var taken = new HashSet<int>();
                if (settings.IsEnabled(ConflictMarkers.RuleId))
                {
                    foreach (var (finding, lines) in ConflictMarkers.Find(hunk))
                    {
                        highlights.Add(finding.ToHighlight(file.Path, lines));
                        taken.UnionWith(lines.Select(static l => l.NewLine));
                    }
                }

                foreach (var line in hunk.Lines)
                {
                    if (line.Kind != DiffLineKind.Added || taken.Contains(line.NewLine))
                    {
                        continue;
                    }

                    var finding = (settings.IsEnabled(SecretScanner.RuleId) ? SecretScanner.Check(line.Text, file.Path) : null) ??
                                  (settings.IsEnabled(DebugLeftovers.RuleId) ? DebugLeftovers.Check(line.Text, file.Path) : null);
                    if (finding is not null)
                    {
                        highlights.Add(finding.ToHighlight(file.Path, [line]));
                    }
                }
            }
        }

        return highlights;
    }
}
