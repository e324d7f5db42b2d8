using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Diagnostics;

/// <summary>
/// Compiler warnings and errors (<see cref="CompilerCatalog"/>) on the changed lines that the change introduced:
/// one that the base version already had on the same code is not reported.
/// </summary>
internal sealed class CompilerFindingSource(ChangeCompiler compiler, IOptions<AnalysisOptions> options) : IFindingSource
{
    public string Name => "compiler";

    public async Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CompilerDiagnostics)
        {
            return [];
        }

        var change = await compiler.CompileAsync(context, cancellationToken).ConfigureAwait(false);
        if (change.Files.Count == 0)
        {
            return [];
        }

        return await Task.Run(
            () => NewFindings.SelectAsync(
                Collect(change, atBase: false, null, settings, cancellationToken),
                (ids, token) => Task.FromResult<IReadOnlyList<Finding>>(Collect(change, atBase: true, ids, settings, token)),
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private static List<Finding> Collect(CompiledChange change, bool atBase, IReadOnlySet<string>? ruleIds, AnalysisOptions settings, CancellationToken cancellationToken)
    {
        var compilation = atBase ? change.Base : change.Head;
        var findings = new List<Finding>();
        if (compilation is null)
        {
            return findings;
        }

        foreach (var file in change.Files)
        {
            var tree = atBase ? file.BaseTree : file.HeadTree;
            var version = atBase ? file.Base : file.Head;
            if (tree is null || version is null)
            {
                continue;
            }

            if (version.IsComplete && FirstSyntaxError(tree, cancellationToken) is { } error && Wanted(error.Id, ruleIds, settings))
            {
                var lines = error.Location.GetLineSpan();
                findings.Add(new Finding
                {
                    File = file,
                    FirstLine = lines.StartLinePosition.Line,
                    LastLine = lines.StartLinePosition.Line,
                    RuleId = error.Id,
                    Kind = CompilerCatalog.SyntaxError.Kind,
                    Confidence = CompilerCatalog.SyntaxError.Confidence,
                    Comment = DiagnosticFindings.Compose(error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), CompilerCatalog.SyntaxError.Advice),
                    AtBase = atBase,
                });
            }

            foreach (var diagnostic in change.ModelOf(tree).GetDiagnostics(cancellationToken: cancellationToken))
            {
                if (CompilerCatalog.Entries.TryGetValue(diagnostic.Id, out var entry) && Wanted(diagnostic.Id, ruleIds, settings) &&
                    DiagnosticFindings.Create(change, diagnostic, entry, atBase, cancellationToken) is { } finding)
                {
                    findings.Add(finding);
                }
            }
        }

        return findings;
    }

    /// <summary>The first syntax error only: the ones after it are usually its echoes.</summary>
    private static Diagnostic? FirstSyntaxError(SyntaxTree tree, CancellationToken cancellationToken) =>
        tree.GetDiagnostics(cancellationToken).Where(static d => d.Severity == DiagnosticSeverity.Error).OrderBy(static d => d.Location.SourceSpan.Start).FirstOrDefault();

    private static bool Wanted(string id, IReadOnlySet<string>? ruleIds, AnalysisOptions settings) =>
        (ruleIds is null || ruleIds.Contains(id)) && settings.IsEnabled(id);
}
