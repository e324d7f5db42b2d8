using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Rules;

/// <summary>ReviewBot's own C# rules (<see cref="RuleCatalog"/>), on the changed lines, new relative to base.</summary>
internal sealed partial class RuleFindingSource(ChangeCompiler compiler, IOptions<AnalysisOptions> options, ILogger<RuleFindingSource> logger) : IFindingSource
{
    public string Name => "rules";

    public async Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Rules)
        {
            return [];
        }

        var change = await compiler.CompileAsync(context, cancellationToken).ConfigureAwait(false);
        if (change.Files.Count == 0)
        {
            return [];
        }

        var rules = RuleCatalog.All.Where(r => settings.IsEnabled(r.Info.Id)).ToList();
        return await Task.Run(
            () => NewFindings.SelectAsync(
                Run(change, rules, atBase: false, logger, cancellationToken),
                (ids, token) => Task.FromResult(Run(change, [.. rules.Where(r => ids.Contains(r.Info.Id))], atBase: true, logger, token)),
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<Finding> Run(CompiledChange change, IReadOnlyList<ICSharpRule> rules, bool atBase, ILogger logger, CancellationToken cancellationToken)
    {
        var compilation = atBase ? change.Base : change.Head;
        var findings = new List<Finding>();
        if (compilation is null || rules.Count == 0)
        {
            return findings;
        }

        foreach (var file in change.Files)
        {
            var tree = atBase ? file.BaseTree : file.HeadTree;
            if (tree is null)
            {
                continue;
            }

            var context = new RuleContext(file, tree, change.ModelOf(tree), atBase, cancellationToken);
            foreach (var rule in rules)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    rule.Analyze(context);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Like an analyzer crash in the compiler: one broken rule costs its own findings, not the review.
                    Log.RuleFailed(logger, ex, rule.Info.Id, file.Path);
                }
            }

            findings.AddRange(context.Findings);
        }

        return findings;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Rule {RuleId} failed on {Path}; the other rules and sources go on")]
        public static partial void RuleFailed(ILogger logger, Exception exception, string ruleId, string path);
    }
}
