using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Changes;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Decides whether a finding can be trusted given how much of its file ReviewBot saw. Code with syntax errors around
/// the finding is not judged: the enclosing member for a whole file, the enclosing statement (lying whole inside one
/// hunk) for a file rebuilt from hunks. Findings that need the whole file or type are only made when ReviewBot has it.
/// </summary>
internal static class TrustGate
{
    public static bool Allows(FileVersion version, SyntaxNode root, TextSpan span, FindingScope scope)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(root);
        if (!root.FullSpan.Contains(span))
        {
            return false;
        }

        var node = root.FindNode(span, getInnermostNodeForTie: true);
        if (scope != FindingScope.Member && !version.IsComplete)
        {
            return false;
        }

        if (scope == FindingScope.WholeType &&
            node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Any(static t => t.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return false;
        }

        var member = EnclosingMember(node);
        if (member is null && !version.IsComplete)
        {
            // Outside any member (a type's header, a field) the rest of the type may be in hunks not shown.
            return false;
        }

        // A hunk rebuilt on its own often starts inside a type, so its members parse as top-level local functions
        // ("modifier not valid", CS0106); judge such code by the statement around the finding instead.
        var region = version.IsComplete
            ? member ?? (SyntaxNode?)node.FirstAncestorOrSelf<StatementSyntax>() ?? node
            : (SyntaxNode?)node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(static s => s is not BlockSyntax) ?? member!;
        if (region.ContainsDiagnostics &&
            region.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && (version.IsComplete || d.Id != "CS0106")))
        {
            return false;
        }

        var lines = region.SyntaxTree.GetLineSpan(region.Span);
        return version.IsContiguous(lines.StartLinePosition.Line, lines.EndLinePosition.Line);
    }

    /// <summary>The method, constructor, property, accessor-bearing member or field around <paramref name="node"/>.</summary>
    public static MemberDeclarationSyntax? EnclosingMember(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(static m => m is not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
}
