using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReviewBot.Analysis.Findings;

/// <summary>
/// Only the changed files are compiled, so code that uses types from the rest of the repository binds to error
/// types. Compiler and analyzer diagnostics computed over such code are often artefacts (a flow warning around a
/// call whose attributes are unknown, "null check on a non-nullable value" for an unknown type). A diagnostic is
/// trusted only when everything in the statement around it bound; nullable warnings, which depend on every call
/// before them, only when the whole member did.
/// </summary>
internal static class ResolutionGate
{
    public static bool IsResolved(SemanticModel model, SyntaxNode root, TextSpan span, bool wholeMember, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(root);
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(static m => m is not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax);
        var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(static s => s is not BlockSyntax);
        var region = (wholeMember ? member : statement ?? (SyntaxNode?)member) ?? node;
        if (member is not null && member != region && IsSignatureUnresolved(model, member, cancellationToken))
        {
            return false;
        }

        foreach (var expression in region.DescendantNodesAndSelf().OfType<ExpressionSyntax>())
        {
            var info = model.GetTypeInfo(expression, cancellationToken);
            if (info.Type is IErrorTypeSymbol || info.ConvertedType is IErrorTypeSymbol)
            {
                return false;
            }

            if (expression is SimpleNameSyntax && !IsDeclaredHere(expression) && model.GetSymbolInfo(expression, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true } &&
                model.GetTypeInfo(expression, cancellationToken).Type is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parameters or a return type of unknown types make everything using them suspect.</summary>
    private static bool IsSignatureUnresolved(SemanticModel model, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(member, cancellationToken) is not IMethodSymbol method)
        {
            return false;
        }

        return method.ReturnType is IErrorTypeSymbol || method.Parameters.Any(static p => p.Type is IErrorTypeSymbol);
    }

    /// <summary>Names that are declarations or labels, not references: nothing to bind.</summary>
    private static bool IsDeclaredHere(ExpressionSyntax name) =>
        name.Parent is NameColonSyntax or NameEqualsSyntax or NameMemberCrefSyntax ||
        (name is IdentifierNameSyntax { Identifier.ValueText: "var" or "nameof" or "_" });
}
