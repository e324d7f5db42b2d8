using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0016: <c>OrderBy(a).OrderBy(b)</c> (or a ThenBy chain followed by OrderBy): the second sort replaces the first,
/// so the result is ordered by <c>b</c> alone. <c>ThenBy</c> was almost certainly meant.
/// </summary>
internal sealed class OrderByTwiceRule : ICSharpRule
{
    private static readonly HashSet<string> Sorts = new(StringComparer.Ordinal) { "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending" };

    public RuleInfo Info { get; } = new("RB0016", "Second OrderBy discards the first", FindingKind.Bug, 0.85);

    public void Analyze(RuleContext context)
    {
        foreach (var invocation in context.Root.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "OrderBy" or "OrderByDescending" } outer ||
                outer.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax inner } ||
                !Sorts.Contains(inner.Name.Identifier.ValueText))
            {
                continue;
            }

            var method = context.Model.GetSymbolInfo(invocation, context.CancellationToken).Symbol as IMethodSymbol;
            if (method is not null && method.ContainingType?.ToDisplayString() is not ("System.Linq.Enumerable" or "System.Linq.Queryable"))
            {
                continue;
            }

            var replacement = outer.Name.Identifier.ValueText == "OrderBy" ? "ThenBy" : "ThenByDescending";
            context.Report(
                Info,
                outer.Name,
                $"`{outer.Name.Identifier.ValueText}` after `{inner.Name.Identifier.ValueText}` sorts the whole sequence again, discarding the earlier ordering. Use `{replacement}` to sort by this key within the earlier one.",
                method is null ? 0.7 : Info.Confidence,
                new TextChange(outer.Name.Identifier.Span, replacement));
        }
    }
}
