using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Nulls;

/// <summary>
/// RB0007: a dereference of something the code itself says may be null. Four shapes: <c>(x as T).M</c>;
/// <c>var y = x as T;</c> whose next deciding use is <c>y.M</c>; <c>x?.M</c> in a plain statement whose next
/// deciding use of <c>x</c> is <c>x.M</c>; and <c>…OrDefault().M</c> on a sequence of reference types. A null check,
/// a write or an escape (argument, return, lambda) in between ends the search: then ReviewBot cannot tell.
/// Nullable warnings (CS8602) cover the rest where the code uses annotations.
/// </summary>
internal sealed class NullDereferenceRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0007", "Possible null dereference", FindingKind.Bug, 0.75);

    public void Analyze(RuleContext context)
    {
        foreach (var node in context.Root.DescendantNodes())
        {
            switch (node)
            {
                case MemberAccessExpressionSyntax { Expression: ParenthesizedExpressionSyntax { Expression: BinaryExpressionSyntax cast } } access
                    when cast.IsKind(SyntaxKind.AsExpression):
                    context.Report(Info, access, $"`as` gives null when the value is not a `{cast.Right}`, and `.{access.Name}` then throws NullReferenceException. Cast with `({cast.Right})…` if it must be one, or check the result (`is {cast.Right} x`).", 0.8);
                    break;
                case LocalDeclarationStatementSyntax { Declaration.Variables: [{ Initializer.Value: BinaryExpressionSyntax asCast } variable] } declaration
                    when asCast.IsKind(SyntaxKind.AsExpression) && context.Model.GetTypeInfo(asCast, context.CancellationToken).Type is { IsValueType: false }:
                    ReportFirstDereference(context, declaration, variable.Identifier.ValueText, context.Model.GetDeclaredSymbol(variable, context.CancellationToken),
                        (name, _) => $"`{name}` comes from an `as` cast, which gives null when the value is not a `{asCast.Right}`, but here it is dereferenced without a check. Test it first (`if ({name} is null) …`), or use a cast if it must be a `{asCast.Right}`.");
                    break;
                case ConditionalAccessExpressionSyntax { Expression: var target } conditional
                    when RuleSyntax.IsSimpleReference(target) && IsPlainStatementPart(conditional) &&
                         context.Model.GetSymbolInfo(target, context.CancellationToken).Symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol &&
                         context.Model.GetTypeInfo(target, context.CancellationToken).Type is { IsReferenceType: true } &&
                         !IsCheckedBefore(context, conditional, target):
                    ReportFirstDereference(context, conditional.FirstAncestorOrSelf<StatementSyntax>()!, RuleSyntax.ReferenceName(target),
                        context.Model.GetSymbolInfo(target, context.CancellationToken).Symbol,
                        (name, line) => $"`{name}` is accessed with `?.` on line {line}, so it can be null, but here it is dereferenced with `.` and no check; this throws NullReferenceException when it is null. Check for null first, or use `?.` here as well.",
                        0.7);
                    break;
                case MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var method } } call } access
                    when method is "FirstOrDefault" or "SingleOrDefault" or "LastOrDefault" or "ElementAtOrDefault" &&
                         (method == "ElementAtOrDefault" || call.ArgumentList.Arguments.All(static a => a.Expression is LambdaExpressionSyntax)) &&
                         context.Model.GetTypeInfo(call, context.CancellationToken).Type is { IsReferenceType: true, TypeKind: not TypeKind.Error }:
                    context.Report(Info, access, $"`{method}` returns null when nothing matches, and `.{access.Name}` then throws NullReferenceException. Use `{method.Replace("OrDefault", "", StringComparison.Ordinal)}` if a match is guaranteed, or check the result for null.", 0.7);
                    break;
            }
        }
    }

    private void ReportFirstDereference(RuleContext context, StatementSyntax statement, string name, ISymbol? symbol, Func<string, int, string> comment, double? confidence = null)
    {
        if (symbol is null || RuleSyntax.FirstDecisiveUseAfter(statement, name, symbol, context.Model, context.CancellationToken) is not ({ } use, UseKind.Dereference))
        {
            return;
        }

        var line = statement.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        var fileLine = context.File.Head.FileLineOf(line - 1);
        context.Report(Info, use.Parent!, comment(name, fileLine > 0 ? fileLine : line), confidence);
    }

    /// <summary>
    /// True when the function checks <paramref name="target"/> for null before <paramref name="conditional"/>: then the
    /// <c>?.</c> is merely redundant and a later dereference is probably safe.
    /// </summary>
    private static bool IsCheckedBefore(RuleContext context, ConditionalAccessExpressionSyntax conditional, ExpressionSyntax target)
    {
        if (RuleSyntax.EnclosingFunction(conditional) is not { } function)
        {
            return false;
        }

        var name = RuleSyntax.ReferenceName(target);
        var symbol = context.Model.GetSymbolInfo(target, context.CancellationToken).Symbol;
        return function.DescendantNodes(n => n.SpanStart < conditional.SpanStart).OfType<IdentifierNameSyntax>()
            .Where(id => id.Span.End <= conditional.SpanStart && id.Identifier.ValueText == name)
            .Any(id => RuleSyntax.ClassifyUse(id.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } m && m.Name == id ? m : id) is UseKind.Check or UseKind.Write &&
                       SymbolEqualityComparer.Default.Equals(context.Model.GetSymbolInfo(id, context.CancellationToken).Symbol, symbol));
    }

    /// <summary><c>x?.M</c> as (part of) a statement that is not a condition: after it, x may still be null.</summary>
    private static bool IsPlainStatementPart(ConditionalAccessExpressionSyntax conditional)
    {
        foreach (var ancestor in conditional.Ancestors())
        {
            switch (ancestor)
            {
                case ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax:
                    return true;
                case StatementSyntax or BinaryExpressionSyntax or ConditionalExpressionSyntax or IsPatternExpressionSyntax
                    or SwitchExpressionSyntax or ArgumentSyntax or LambdaExpressionSyntax or ConditionalAccessExpressionSyntax:
                    return false;
            }
        }

        return false;
    }
}
