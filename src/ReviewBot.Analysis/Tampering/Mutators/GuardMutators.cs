using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>
/// A null check removed: a guard clause (<c>if (x is null) throw/return</c>, <c>ArgumentNullException.ThrowIfNull(x)</c>),
/// a null-conditional <c>?.</c> turned into <c>.</c>, or a <c>?? fallback</c> dropped.
/// </summary>
internal sealed class RemovedNullCheckMutator : IMutator
{
    public MutationKind Kind => MutationKind.RemovedNullCheck;

    public bool IsCandidate(SyntaxNode node) => node switch
    {
        IfStatementSyntax { Else: null } guard => IsExit(guard.Statement) && NullTested(guard.Condition) is not null,
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => IsThrowHelper(call, out _),
        ConditionalAccessExpressionSyntax => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } => true,
        _ => false,
    };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        switch (node)
        {
            case IfStatementSyntax guard when DeleteLines(guard, scope.Text) is { } change:
                var tested = NullTested(guard.Condition)!;
                yield return new MutationSite(
                    Kind,
                    [change],
                    $"null check `if ({Short(guard.Condition, 40)})` removed (it {ExitText(guard.Statement)}): a null `{Short(tested, 30)}` now gets past it and fails later",
                    $"Nothing checks `{Short(tested, 30)}` for null any more before it is used: a null value now throws a NullReferenceException further down instead of being handled here.",
                    IsDeletion: true);
                break;
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } statement when IsThrowHelper(call, out var argument) && DeleteLines(statement, scope.Text) is { } change:
                yield return new MutationSite(
                    Kind,
                    [change],
                    $"`{Short(call)}` removed: a null `{Short(argument!, 30)}` is no longer rejected up front and fails later",
                    $"`{Short(argument!, 30)}` is no longer checked for null: a null argument now fails later with a NullReferenceException instead of an ArgumentNullException here.",
                    IsDeletion: true);
                break;
            case ConditionalAccessExpressionSyntax access when !IsNullableValue(access, scope):
                var target = Short(access.Expression, 30);
                yield return new MutationSite(
                    Kind,
                    [new TextChange(access.OperatorToken.Span, "")],
                    $"null-conditional `?.` on `{target}` replaced by `.`: a null `{target}` now throws NullReferenceException",
                    $"`{target}` can be null here, and without `?.` this dereference throws a NullReferenceException.");
                break;
            case BinaryExpressionSyntax coalesce:
                var fallback = coalesce.Right is ThrowExpressionSyntax ? "the `?? throw` guard" : $"the fallback `?? {Short(coalesce.Right, 30)}`";
                yield return new MutationSite(
                    Kind,
                    [new TextChange(TextSpan.FromBounds(coalesce.Left.Span.End, coalesce.Right.Span.End), "")],
                    $"{fallback} removed from `{Short(coalesce)}`: a null `{Short(coalesce.Left, 30)}` now flows on unchecked",
                    $"`{Short(coalesce.Left, 30)}` may be null and {fallback} that handled it is gone: null now flows on and fails later.");
                break;
        }
    }

    /// <summary>The expression a condition tests for null: <c>x == null</c>, <c>x is null</c>, <c>string.IsNullOrEmpty(x)</c>, <c>x is not { }</c>.</summary>
    internal static ExpressionSyntax? NullTested(ExpressionSyntax condition) => condition switch
    {
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } b when b.Right.IsKind(SyntaxKind.NullLiteralExpression) => b.Left,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } b when b.Left.IsKind(SyntaxKind.NullLiteralExpression) => b.Right,
        IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression.RawKind: (int)SyntaxKind.NullLiteralExpression } } p => p.Expression,
        IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: RecursivePatternSyntax { Designation: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0 } } } p => p.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace" }, ArgumentList.Arguments: [var only] } => only.Expression,
        ParenthesizedExpressionSyntax p => NullTested(p.Expression),
        _ => null,
    };

    private static bool IsThrowHelper(InvocationExpressionSyntax call, out ExpressionSyntax? argument)
    {
        argument = call.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        return argument is not null && call.Expression is MemberAccessExpressionSyntax
        {
            Expression: IdentifierNameSyntax { Identifier.ValueText: "ArgumentNullException" or "ArgumentException" },
            Name.Identifier.ValueText: "ThrowIfNull" or "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace",
        };
    }

    // x?.Value on a Nullable<T> would become x.Value: a different (and still compiling) meaning, not a removed check.
    private static bool IsNullableValue(ConditionalAccessExpressionSyntax access, MutationScope scope) =>
        scope.TypeOf(access.Expression) is { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
}

/// <summary>A bounds check removed: a guard clause on an index or size, an <c>ArgumentOutOfRangeException.ThrowIf…</c>, or a clamp.</summary>
internal sealed class RemovedBoundsCheckMutator : IMutator
{
    public MutationKind Kind => MutationKind.RemovedBoundsCheck;

    public bool IsCandidate(SyntaxNode node) => node switch
    {
        IfStatementSyntax { Else: null } guard => IsExit(guard.Statement) && IsBoundsTest(guard.Condition),
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => IsRangeHelper(call),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Math" }, Name.Identifier.ValueText: "Min" or "Clamp" } } call =>
            call.ArgumentList.Arguments.Count >= 2,
        _ => false,
    };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        switch (node)
        {
            case IfStatementSyntax guard when DeleteLines(guard, scope.Text) is { } change:
                yield return new MutationSite(
                    Kind,
                    [change],
                    $"bounds check `if ({Short(guard.Condition, 40)})` removed (it {ExitText(guard.Statement)}): an out-of-range value now gets past it",
                    $"The range check `{Short(guard.Condition, 40)}` is gone: an out-of-range value now reaches the code below and reads past the end or fails with an exception.",
                    IsDeletion: true);
                break;
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } statement when DeleteLines(statement, scope.Text) is { } change:
                var argument = call.ArgumentList.Arguments.FirstOrDefault()?.Expression;
                yield return new MutationSite(
                    Kind,
                    [change],
                    $"`{Short(call)}` removed: an out-of-range `{Short(argument!, 30)}` is no longer rejected",
                    $"`{Short(argument!, 30)}` is no longer range-checked: an invalid value now fails later (or silently misbehaves) instead of being rejected here.",
                    IsDeletion: true);
                break;
            case InvocationExpressionSyntax clamp:
                var arguments = clamp.ArgumentList.Arguments;
                var name = ((MemberAccessExpressionSyntax)clamp.Expression).Name.Identifier.ValueText;
                var kept = name == "Clamp" ? arguments[0].Expression : arguments.FirstOrDefault(a => !MentionsSize(a.Expression))?.Expression;
                if (kept is null || (name == "Min" && !arguments.Any(static a => MentionsSize(a.Expression))) || !IsNumeric(scope.TypeOf(clamp)))
                {
                    yield break;
                }

                yield return new MutationSite(
                    Kind,
                    [new TextChange(clamp.Span, kept.ToString())],
                    $"clamp `{Short(clamp)}` removed: `{Short(kept, 30)}` is no longer limited and can run past the end",
                    $"`{Short(kept, 30)}` is used without the clamp that kept it in range: a large value now runs past the end.");
                break;
        }
    }

    private static bool IsBoundsTest(ExpressionSyntax condition) => condition switch
    {
        ParenthesizedExpressionSyntax p => IsBoundsTest(p.Expression),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.LogicalAndExpression } b => IsBoundsTest(b.Left) || IsBoundsTest(b.Right),
        BinaryExpressionSyntax b when b.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression =>
            MentionsSize(b) || (b.Right is LiteralExpressionSyntax { Token.ValueText: "0" } && b.Left is IdentifierNameSyntax),
        _ => false,
    };

    private static bool IsRangeHelper(InvocationExpressionSyntax call) =>
        call.ArgumentList.Arguments.Count > 0 &&
        call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ArgumentOutOfRangeException" }, Name.Identifier.ValueText: var name } &&
        name.StartsWith("ThrowIf", StringComparison.Ordinal);
}
