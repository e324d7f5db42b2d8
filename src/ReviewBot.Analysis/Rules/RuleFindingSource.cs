using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Rules;

/// <summary>ReviewBot's own C# rules (<see cref="RuleCatalog"/>), on the changed lines, new relative to base.</summary>
internal sealed class RuleFindingSource(ChangeCompiler compiler, IOptions<AnalysisOptions> options) : IFindingSource
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
                Run(change, rules, atBase: false, cancellationToken),
                (ids, token) => Task.FromResult(Run(change, [.. rules.Where(r => ids.Contains(r.Info.Id))], atBase: true, token)),
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    internal static IReadOnlyList<Finding> Run(CompiledChange change, IReadOnlyList<ICSharpRule> rules, bool atBase, CancellationToken cancellationToken)
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
                rule.Analyze(context);
            }

            findings.AddRange(context.Findings);
        }

        return findings;
    }
}
