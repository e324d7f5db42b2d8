using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary><c>&lt;</c> ↔ <c>&lt;=</c>, <c>&gt;</c> ↔ <c>&gt;=</c>.</summary>
internal sealed class BoundaryFlipMutator : IMutator
{
    public MutationKind Kind => MutationKind.BoundaryFlip;

    public bool IsCandidate(SyntaxNode node) => node.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
        or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var binary = (BinaryExpressionSyntax)node;
        var from = binary.OperatorToken.Text;
        var to = binary.OperatorToken.Kind() switch
        {
            SyntaxKind.LessThanToken => "<=",
            SyntaxKind.LessThanEqualsToken => "<",
            SyntaxKind.GreaterThanToken => ">=",
            _ => ">",
        };
        var after = $"{binary.Left} {to} {binary.Right}";
        var widens = to.Length == 2;
        string description, gold;
        if (binary.Parent is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
        {
            description = widens
                ? $"loop bound changed from {from} to {to} in `{Short(binary)}`: the loop runs one pass too many (one past the end)"
                : $"loop bound changed from {from} to {to} in `{Short(binary)}`: the loop stops one pass early and skips the last item";
            gold = widens
                ? $"`{Short(after)}` lets the loop run one pass too many: the last pass goes one past the end. The bound should be `{from}`."
                : $"`{Short(after)}` stops the loop one pass early, so the last item is never processed. The bound should be `{from}`.";
        }
        else
        {
            description = $"comparison changed from {from} to {to} in `{Short(binary)}`: the boundary case `{Short(binary.Left, 30)} == {Short(binary.Right, 30)}` now takes the other branch";
            gold = $"Off by one at the boundary: with `{to}` the case where `{Short(binary.Left, 30)}` equals `{Short(binary.Right, 30)}` now goes the other way. This should be `{from}`.";
        }

        yield return new MutationSite(Kind, [new TextChange(binary.OperatorToken.Span, to)], description, gold);
    }
}

/// <summary><c>==</c> ↔ <c>!=</c>.</summary>
internal sealed class EqualityFlipMutator : IMutator
{
    public MutationKind Kind => MutationKind.EqualityFlip;

    public bool IsCandidate(SyntaxNode node) => node.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var binary = (BinaryExpressionSyntax)node;
        var from = binary.OperatorToken.Text;
        var to = from == "==" ? "!=" : "==";
        var after = $"{binary.Left} {to} {binary.Right}";
        var isNull = binary.Right.IsKind(SyntaxKind.NullLiteralExpression) || binary.Left.IsKind(SyntaxKind.NullLiteralExpression);
        var description = isNull
            ? $"null check inverted: `{Short(binary)}` became `{Short(after)}`, so the null case takes the non-null branch and vice versa"
            : $"`{Short(binary)}` flipped from {from} to {to}: the condition is now inverted";
        var gold = isNull
            ? $"This null check is inverted: `{Short(after)}` sends null values down the path that dereferences them. It should be `{from}`."
            : $"The comparison is inverted: `{Short(after)}` is true exactly when it should be false. It should be `{from}`.";
        yield return new MutationSite(Kind, [new TextChange(binary.OperatorToken.Span, to)], description, gold);
    }
}

/// <summary><c>&amp;&amp;</c> ↔ <c>||</c>.</summary>
internal sealed class LogicalOperatorMutator : IMutator
{
    public MutationKind Kind => MutationKind.LogicalOperator;

    public bool IsCandidate(SyntaxNode node) => node.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var binary = (BinaryExpressionSyntax)node;
        var and = binary.IsKind(SyntaxKind.LogicalAndExpression);
        var to = and ? "||" : "&&";
        var after = $"{binary.Left} {to} {binary.Right}";
        var description = and
            ? $"`&&` changed to `||` in `{Short(binary)}`: the condition now holds when either part does"
            : $"`||` changed to `&&` in `{Short(binary)}`: the condition now needs both parts";
        var gold = and
            ? $"`{Short(after)}` uses `||` where both conditions must hold: it is true as soon as one is, so the guarded code runs in cases it must not. Use `&&`."
            : $"`{Short(after)}` uses `&&` where either condition should be enough: cases where only one holds are now missed. Use `||`.";
        yield return new MutationSite(Kind, [new TextChange(binary.OperatorToken.Span, to)], description, gold);
    }
}

/// <summary><c>+</c> ↔ <c>-</c>, <c>+=</c> ↔ <c>-=</c>, <c>++</c> ↔ <c>--</c> on numbers (never string concatenation).</summary>
internal sealed class PlusMinusMutator : IMutator
{
    public MutationKind Kind => MutationKind.PlusMinus;

    public bool IsCandidate(SyntaxNode node) => node.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression
        or SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression
        or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var (token, typed) = node switch
        {
            BinaryExpressionSyntax b => (b.OperatorToken, (SyntaxNode)b),
            AssignmentExpressionSyntax a => (a.OperatorToken, a.Left),
            PostfixUnaryExpressionSyntax p => (p.OperatorToken, p.Operand),
            PrefixUnaryExpressionSyntax p => (p.OperatorToken, p.Operand),
            _ => default,
        };
        if (typed is null || !IsNumeric(scope.TypeOf(typed)))
        {
            yield break;
        }

        var from = token.Text;
        var to = from switch
        {
            "+" => "-",
            "-" => "+",
            "+=" => "-=",
            "-=" => "+=",
            "++" => "--",
            _ => "++",
        };
        var after = string.Concat(node.ToString().AsSpan(0, token.SpanStart - node.SpanStart), to, node.ToString().AsSpan(token.Span.End - node.SpanStart));
        yield return new MutationSite(
            Kind,
            [new TextChange(token.Span, to)],
            $"`{from}` changed to `{to}` in `{Short(node)}`: the arithmetic goes the wrong way",
            $"`{Short(after)}` uses `{to}` where it should use `{from}`: the value moves the wrong way.");
    }
}

/// <summary>The right operand of a comparison, logical or arithmetic operator replaced by the left one.</summary>
internal sealed class IdenticalOperandsMutator : IMutator
{
    public MutationKind Kind => MutationKind.IdenticalOperands;

    public bool IsCandidate(SyntaxNode node) =>
        node is BinaryExpressionSyntax binary &&
        binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
            or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression
            or SyntaxKind.SubtractExpression or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression &&
        IsSimple(binary.Left) && IsSimple(binary.Right) && binary.Left is not LiteralExpressionSyntax &&
        !SyntaxFactory.AreEquivalent(binary.Left, binary.Right);

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var binary = (BinaryExpressionSyntax)node;
        var left = scope.TypeOf(binary.Left);
        if (!IsUsable(left) || !SymbolEqualityComparer.Default.Equals(left, scope.TypeOf(binary.Right)))
        {
            yield break;
        }

        var after = $"{binary.Left} {binary.OperatorToken.Text} {binary.Left}";
        yield return new MutationSite(
            Kind,
            [new TextChange(binary.Right.Span, binary.Left.ToString())],
            $"`{Short(binary)}` became `{Short(after)}`: `{Short(binary.Left, 30)}` is combined with itself, `{Short(binary.Right, 30)}` is ignored",
            $"Both operands of `{Short(after)}` are the same, so the result is constant; the right side should be `{Short(binary.Right, 30)}`.");
    }
}
