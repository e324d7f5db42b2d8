using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>
/// Off by one: a <c>for</c> loop starting at 1 instead of 0 or ending at <c>n - 1</c> instead of <c>n</c>, a range
/// end or a count argument (<c>Substring</c>, <c>Take</c>, <c>Slice</c>, …) one smaller.
/// </summary>
internal sealed class OffByOneMutator : IMutator
{
    private static readonly HashSet<string> CountingCalls = new(StringComparer.Ordinal)
    {
        "Substring", "Slice", "AsSpan", "AsMemory", "Take", "Skip", "TakeLast", "SkipLast", "GetRange", "Remove", "RemoveRange", "CopyTo",
    };

    public MutationKind Kind => MutationKind.OffByOne;

    public bool IsCandidate(SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax { Token.ValueText: "0", Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: ForStatementSyntax } } } } => true,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression, Parent: ForStatementSyntax loop } b => loop.Condition == b,
        RangeExpressionSyntax { RightOperand: not null } => true,
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 0 } call => CountingCalls.Contains(RuleNames.Of(call) ?? ""),
        _ => false,
    };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        switch (node)
        {
            case LiteralExpressionSyntax zero:
                var loop = zero.FirstAncestorOrSelf<ForStatementSyntax>()!;
                yield return new MutationSite(
                    Kind,
                    [new TextChange(zero.Span, "1")],
                    $"loop start changed from 0 to 1 in `for ({Short(loop.Declaration!, 40)}; …)`: the first item is skipped",
                    "The loop starts at 1, so the first item (index 0) is never processed. Start at 0.");
                break;
            case BinaryExpressionSyntax bound:
                var shorter = $"{Operand(bound.Right)} - 1";
                yield return new MutationSite(
                    Kind,
                    [new TextChange(bound.Right.Span, shorter)],
                    $"loop bound changed from `{Short(bound.Right, 30)}` to `{Short(shorter, 30)}`: the last item is skipped",
                    $"`{Short(bound.Left, 20)} < {Short(shorter, 30)}` stops one short: the last item is never processed. The bound should be `{Short(bound.Right, 30)}`.");
                break;
            case RangeExpressionSyntax range:
                var right = range.RightOperand!;
                var moved = right is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression, Operand: LiteralExpressionSyntax { Token.Value: int hat } }
                    ? "^" + (hat + 1).ToString(CultureInfo.InvariantCulture)
                    : right is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } ? null : Shift(right, -1);
                if (moved is null)
                {
                    yield break;
                }

                yield return new MutationSite(
                    Kind,
                    [new TextChange(right.Span, moved)],
                    $"range end changed from `{Short(right, 30)}` to `{Short(moved, 30)}` in `{Short(range, 40)}`: the slice loses its last item",
                    $"The range ends one too early (`{Short(moved, 30)}`): the last item is cut off. It should end at `{Short(right, 30)}`.");
                break;
            case InvocationExpressionSyntax call:
                var argument = call.ArgumentList.Arguments[^1].Expression;
                if (scope.TypeOf(argument)?.SpecialType != SpecialType.System_Int32 || call.ArgumentList.Arguments[^1].NameColon is not null)
                {
                    yield break;
                }

                // A single argument is a start or a count to skip (Substring(start), Skip(n)): one more. Otherwise a length: one less.
                var name = RuleNames.Of(call)!;
                var grows = call.ArgumentList.Arguments.Count == 1 && name is "Substring" or "Slice" or "AsSpan" or "AsMemory" or "Skip" or "Remove";
                var shifted = Shift(argument, grows ? 1 : -1);
                if (shifted is null)
                {
                    yield break;
                }

                yield return new MutationSite(
                    Kind,
                    [new TextChange(argument.Span, shifted)],
                    $"`{name}` argument changed from `{Short(argument, 30)}` to `{Short(shifted, 30)}`: off by one, the result {(grows ? "starts one item late" : "loses its last item")}",
                    $"Off by one: `{name}(…{Short(shifted, 30)})` {(grows ? "skips one item too many" : "takes one item too few")}; it should be `{Short(argument, 30)}`.");
                break;
        }
    }

    private static string? Shift(ExpressionSyntax expression, int by)
    {
        if (expression is LiteralExpressionSyntax { Token.Value: int value })
        {
            var shifted = value + by;
            return shifted < 0 ? null : shifted.ToString(CultureInfo.InvariantCulture);
        }

        return by > 0 ? $"{Operand(expression)} + {by}" : $"{Operand(expression)} - {-by}";
    }
}

/// <summary>The name a call is known by.</summary>
internal static class RuleNames
{
    public static string? Of(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        GenericNameSyntax g => g.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
        _ => null,
    };
}
