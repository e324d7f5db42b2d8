using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0004: a variable, field or property assigned to itself (<c>_total = _total</c>, <c>this.x = x</c> where both
/// name the field). Object initializers and <c>with</c> expressions are not self-assignments: there the left side
/// is a member of the new object.
/// </summary>
internal sealed class SelfAssignmentRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0004", "Self-assignment", FindingKind.Bug, 0.9);

    public void Analyze(RuleContext context)
    {
        foreach (var assignment in context.Root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.Parent is InitializerExpressionSyntax ||
                !RuleSyntax.IsPure(assignment.Left) || !IsSame(assignment.Left, assignment.Right, context))
            {
                continue;
            }

            var symbol = context.Model.GetSymbolInfo(assignment.Left, context.CancellationToken).Symbol;
            var name = RuleSyntax.Shorten(assignment.Left.ToString(), 40);
            var confidence = symbol is IPropertySymbol ? 0.75 : Info.Confidence;
            context.Report(
                Info,
                assignment,
                $"`{name}` is assigned to itself, which does nothing. Was a different value meant here (a parameter, or a computed value such as `{name} + …`)?",
                confidence);
        }
    }

    private static bool IsSame(ExpressionSyntax left, ExpressionSyntax right, RuleContext context)
    {
        if (SyntaxFactory.AreEquivalent(left, right, topLevel: false))
        {
            return true;
        }

        // x = this.x, this.x = x: the same only when both bind to the same field or property of this instance.
        if (!RuleSyntax.IsSimpleReference(left) || !RuleSyntax.IsSimpleReference(right) ||
            RuleSyntax.ReferenceName(left) != RuleSyntax.ReferenceName(right))
        {
            return false;
        }

        var leftSymbol = context.Model.GetSymbolInfo(left, context.CancellationToken).Symbol;
        var rightSymbol = context.Model.GetSymbolInfo(right, context.CancellationToken).Symbol;
        return leftSymbol is IFieldSymbol or IPropertySymbol && SymbolEqualityComparer.Default.Equals(leftSymbol, rightSymbol);
    }
}
