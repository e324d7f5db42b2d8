using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Findings;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Analyzers;

/// <summary>
/// Runs the bundled analyzer packages (NetAnalyzers, Roslynator, Meziantou) over the changed files and reports the
/// curated rules of <see cref="AnalyzerCatalog"/> that the change introduced. At base only the analyzers of rules
/// that fired at head run again.
/// </summary>
internal sealed partial class AnalyzerFindingSource(ChangeCompiler compiler, IOptions<AnalysisOptions> options, ILogger<AnalyzerFindingSource> logger) : IFindingSource
{
    private int _failuresLogged;

    public string Name => "analyzers";

    public async Task<IReadOnlyList<Highlight>> FindAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Analyzers)
        {
            return [];
        }

        var change = await compiler.CompileAsync(context, cancellationToken).ConfigureAwait(false);
        if (change.Files.Count == 0)
        {
            return [];
        }

        var set = await Task.Run(() => AnalyzerLoader.Load(settings.AnalyzerDirectory ?? AnalyzerLoader.DefaultDirectory), cancellationToken).ConfigureAwait(false);
        if (set.Failures.Count > 0 && Interlocked.Exchange(ref _failuresLogged, 1) == 0)
        {
            Log.LoadFailed(logger, set.Failures.Count, string.Join("; ", set.Failures.Take(3)));
        }

        if (set.Analyzers.IsEmpty)
        {
            return [];
        }

        var head = await Task.Run(() => CollectAsync(change, change.Head, set.Analyzers, atBase: false, settings, cancellationToken), cancellationToken).ConfigureAwait(false);
        var found = await NewFindings.SelectAsync(
            head,
            (ids, token) => change.Base is { } baseCompilation
                ? CollectAsync(change, baseCompilation, [.. set.Analyzers.Where(a => a.SupportedDiagnostics.Any(d => ids.Contains(d.Id)))], atBase: true, settings, token)
                : Task.FromResult<IReadOnlyList<Finding>>([]),
            cancellationToken).ConfigureAwait(false);

        // Two packages sometimes flag the same thing (lock (typeof(T)): CA2002 and RCS1059); one comment per line is enough.
        return [.. found.GroupBy(static h => (h.Path, h.StartLine, h.EndLine)).Select(static g => g.MaxBy(static h => h.Confidence)!)];
    }

    private static async Task<IReadOnlyList<Finding>> CollectAsync(
        CompiledChange change, Microsoft.CodeAnalysis.Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool atBase, AnalysisOptions settings, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        if (analyzers.IsEmpty)
        {
            return findings;
        }

        // Analyzer failures surface as AD0001 diagnostics, which are not in the catalog: one broken rule loses only itself.
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        foreach (var diagnostic in await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (AnalyzerCatalog.Entries.TryGetValue(diagnostic.Id, out var entry) && settings.IsEnabled(diagnostic.Id) &&
                DiagnosticFindings.Create(change, diagnostic, entry, atBase, cancellationToken) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "{Count} analyzer assembly load failure(s); those rules are off: {Failures}")]
        public static partial void LoadFailed(ILogger logger, int count, string failures);
    }
}
