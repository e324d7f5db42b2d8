using System.Globalization;
using Microsoft.CodeAnalysis;
using ReviewBot.Analysis.Compilation;

namespace ReviewBot.Analysis.Findings;

/// <summary>Turns compiler and analyzer diagnostics into findings on the changed files.</summary>
internal static class DiagnosticFindings
{
    /// <summary>A finding for <paramref name="diagnostic"/>, or null when it is not in a changed file of that side or cannot be trusted.</summary>
    public static Finding? Create(CompiledChange change, Diagnostic diagnostic, CatalogEntry entry, bool atBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(entry);
        var tree = diagnostic.Location.SourceTree;
        var file = change.FileOf(tree);
        if (tree is null || file is null || (tree == file.BaseTree) != atBase)
        {
            return null;
        }

        var version = atBase ? file.Base! : file.Head;

        // Errors in code rebuilt from hunks are too often the rebuild's own; warnings in a sound statement are not.
        if (!version.IsComplete && diagnostic.Severity == DiagnosticSeverity.Error)
        {
            return null;
        }

        var root = tree.GetRoot(cancellationToken);
        if (!TrustGate.Allows(version, root, diagnostic.Location.SourceSpan, entry.Scope))
        {
            return null;
        }

        var isNullable = diagnostic.Id.StartsWith("CS86", StringComparison.Ordinal);
        if (!ResolutionGate.IsResolved(change.ModelOf(tree), root, diagnostic.Location.SourceSpan, isNullable, cancellationToken))
        {
            return null;
        }

        var lines = diagnostic.Location.GetLineSpan();
        var (first, last) = (lines.StartLinePosition.Line, lines.EndLinePosition.Line);
        if (last > first && lines.EndLinePosition.Character == 0)
        {
            last--;
        }

        return new Finding
        {
            File = file,
            FirstLine = first,
            LastLine = last,
            RuleId = diagnostic.Id,
            Kind = entry.Kind,
            Confidence = entry.Confidence,
            Comment = Compose(diagnostic.GetMessage(CultureInfo.InvariantCulture), entry.Advice),
            AtBase = atBase,
        };
    }

    /// <summary>The diagnostic's own message (what is wrong) followed by the catalog's advice (what to do).</summary>
    public static string Compose(string message, string advice)
    {
        var what = message.Trim();
        if (what.Length > 0 && !what.EndsWith('.') && !what.EndsWith('?') && !what.EndsWith('!'))
        {
            what += ".";
        }

        return string.IsNullOrWhiteSpace(advice) ? what : $"{what} {advice.Trim()}";
    }
}
