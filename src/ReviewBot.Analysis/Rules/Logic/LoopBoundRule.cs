using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0009: a <c>for</c> loop whose index reaches the length of the collection it indexes: <c>i &lt;= a.Length</c>
/// (or <c>Count</c>) with <c>a[i]</c> in the body, or a countdown starting at <c>a.Length</c>. The last (first)
/// pass reads one past the end.
/// </summary>
internal sealed class LoopBoundRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0009", "Off-by-one loop bound", FindingKind.Bug, 0.9);

    public void Analyze(RuleContext context)
    {
        foreach (var loop in context.Root.DescendantNodes().OfType<ForStatementSyntax>())
        {
            if (LoopVariable(loop) is not { } index)
            {
                continue;
            }

            if (loop.Condition is BinaryExpressionSyntax condition && UpperBound(condition, index) is { } bound &&
                IndexesWith(loop.Statement, bound.Collection, index) && !Assigns(loop.Statement, index))
            {
                var collection = RuleSyntax.Shorten(bound.Collection.ToString(), 40);
                var exception = bound.Member == "Length" ? "IndexOutOfRangeException" : "ArgumentOutOfRangeException";
                context.Report(
                    Info,
                    TextSpan.FromBounds(loop.ForKeyword.SpanStart, loop.CloseParenToken.Span.End),
                    $"The loop runs while `{condition}`, so its last pass reads `{collection}[{collection}.{bound.Member}]`, one past the end, and throws {exception}. Use `<` instead of `<=`.",
                    edit: new TextChange(condition.OperatorToken.Span, condition.OperatorToken.IsKind(SyntaxKind.LessThanEqualsToken) ? "<" : ">"));
            }
            else if (StartsAtLength(loop, index) is { } start && IsCountdown(loop, index) && IndexesWith(loop.Statement, start.Collection, index) && !Assigns(loop.Statement, index))
            {
                var collection = RuleSyntax.Shorten(start.Collection.ToString(), 40);
                context.Report(
                    Info,
                    TextSpan.FromBounds(loop.ForKeyword.SpanStart, loop.CloseParenToken.Span.End),
                    $"The countdown starts at `{collection}.{start.Member}`, so its first pass reads `{collection}[{collection}.{start.Member}]`, one past the end. Start at `{collection}.{start.Member} - 1`.",
                    0.85);
            }
        }
    }

    private static string? LoopVariable(ForStatementSyntax loop) => loop switch
    {
        { Declaration.Variables: [var variable] } => variable.Identifier.ValueText,
        { Initializers: [AssignmentExpressionSyntax { Left: IdentifierNameSyntax name }] } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary><c>i &lt;= x.Length</c> or <c>x.Count &gt;= i</c>: the collection and the member used as its size.</summary>
    private static (ExpressionSyntax Collection, string Member)? UpperBound(BinaryExpressionSyntax condition, string index)
    {
        var (variable, size) = condition.Kind() switch
        {
            SyntaxKind.LessThanOrEqualExpression => (condition.Left, condition.Right),
            SyntaxKind.GreaterThanOrEqualExpression => (condition.Right, condition.Left),
            _ => (null, null),
        };
        return variable is IdentifierNameSyntax name && name.Identifier.ValueText == index ? Size(size) : null;
    }

    private static (ExpressionSyntax Collection, string Member)? StartsAtLength(ForStatementSyntax loop, string index)
    {
        var initial = loop.Declaration?.Variables[0].Initializer?.Value ??
                      (loop.Initializers.Count == 1 ? (loop.Initializers[0] as AssignmentExpressionSyntax)?.Right : null);
        return Size(initial) is { } size && loop.Condition is BinaryExpressionSyntax { Left: IdentifierNameSyntax name } && name.Identifier.ValueText == index ? size : null;
    }

    private static (ExpressionSyntax Collection, string Member)? Size(ExpressionSyntax? size) => size switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count" } m when RuleSyntax.IsPure(m.Expression) => (m.Expression, m.Name.Identifier.ValueText),
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Count" } m } when RuleSyntax.IsPure(m.Expression) => (m.Expression, "Count()"),
        _ => null,
    };

    private static bool IsCountdown(ForStatementSyntax loop, string index) =>
        loop.Incrementors is [var step] &&
        step switch
        {
            PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax name } when step.IsKind(SyntaxKind.PostDecrementExpression) => name.Identifier.ValueText == index,
            PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax name } when step.IsKind(SyntaxKind.PreDecrementExpression) => name.Identifier.ValueText == index,
            _ => false,
        };

    private static bool IndexesWith(StatementSyntax body, ExpressionSyntax collection, string index) =>
        body.DescendantNodes().OfType<ElementAccessExpressionSyntax>().Any(e =>
            e.ArgumentList.Arguments is [{ Expression: IdentifierNameSyntax argument }] && argument.Identifier.ValueText == index &&
            SyntaxFactory.AreEquivalent(e.Expression, collection, topLevel: false));

    private static bool Assigns(StatementSyntax body, string index) =>
        body.DescendantNodes().Any(n =>
            (n is AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } && left.Identifier.ValueText == index) ||
            (n is PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax p } && p.Identifier.ValueText == index) ||
            (n is PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax q } && q.Identifier.ValueText == index &&
             (n.IsKind(SyntaxKind.PreIncrementExpression) || n.IsKind(SyntaxKind.PreDecrementExpression))));
}
