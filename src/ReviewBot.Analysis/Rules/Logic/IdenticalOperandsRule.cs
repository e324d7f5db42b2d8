using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0005: a comparison, logical or arithmetic operator with the same expression on both sides (<c>a == a</c>,
/// <c>x - x</c>, <c>ok &amp;&amp; ok</c>). Operands with calls are skipped (<c>Next() - Next()</c> can differ), as are
/// literal-only operands and the <c>x != x</c> NaN test on floating-point values.
/// </summary>
internal sealed class IdenticalOperandsRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0005", "Identical operands", FindingKind.Bug, 0.85);

    public void Analyze(RuleContext context)
    {
        foreach (var binary in context.Root.DescendantNodes().OfType<BinaryExpressionSyntax>())
        {
            var effect = Effect(binary.Kind());
            if (effect is null || !RuleSyntax.IsPure(binary.Left) || !RuleSyntax.MentionsName(binary.Left) ||
                !SyntaxFactory.AreEquivalent(binary.Left, binary.Right, topLevel: false) || IsNaNTest(binary, context))
            {
                continue;
            }

            var operand = RuleSyntax.Shorten(binary.Left.ToString(), 50);
            var op = binary.OperatorToken.Text;
            context.Report(
                Info,
                binary,
                $"Both sides of `{op}` are `{operand}`, so {effect}. One side was probably meant to be something else.",
                binary.IsKind(SyntaxKind.SubtractExpression) || binary.IsKind(SyntaxKind.DivideExpression) ? 0.8 : Info.Confidence);
        }
    }

    private static string? Effect(SyntaxKind kind) => kind switch
    {
        SyntaxKind.EqualsExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanOrEqualExpression => "the comparison is always true",
        SyntaxKind.NotEqualsExpression or SyntaxKind.LessThanExpression or SyntaxKind.GreaterThanExpression => "the comparison is always false",
        SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.BitwiseAndExpression or SyntaxKind.BitwiseOrExpression => "the second operand adds nothing",
        SyntaxKind.SubtractExpression or SyntaxKind.ExclusiveOrExpression or SyntaxKind.ModuloExpression => "the result is always 0",
        SyntaxKind.DivideExpression => "the result is always 1 (or a division by zero)",
        _ => null,
    };

    private static bool IsNaNTest(BinaryExpressionSyntax binary, RuleContext context)
    {
        if (!binary.IsKind(SyntaxKind.EqualsExpression) && !binary.IsKind(SyntaxKind.NotEqualsExpression))
        {
            return false;
        }

        var type = context.Model.GetTypeInfo(binary.Left, context.CancellationToken).Type;
        return type is null || type.TypeKind == TypeKind.Error || type.SpecialType is SpecialType.System_Double or SpecialType.System_Single ||
               type.Name is "Half" or "NFloat";
    }
}
