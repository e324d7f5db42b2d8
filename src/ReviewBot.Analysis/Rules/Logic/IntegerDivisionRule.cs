using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0014: an integer division whose result becomes a floating-point or decimal value (<c>double ratio = done / total;</c>).
/// The fraction is truncated before the conversion. Constant divisions that divide exactly are left alone.
/// </summary>
internal sealed class IntegerDivisionRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0014", "Integer division converted to floating point", FindingKind.Bug, 0.7);

    public void Analyze(RuleContext context)
    {
        foreach (var division in context.Root.DescendantNodes().OfType<BinaryExpressionSyntax>())
        {
            if (!division.IsKind(SyntaxKind.DivideExpression))
            {
                continue;
            }

            // Only where the quotient itself is converted: (a / b) * 1.0 or Math.Round(a / b) are judged by the same test.
            var info = context.Model.GetTypeInfo(division, context.CancellationToken);
            if (!IsIntegral(info.Type) || info.ConvertedType?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Decimal) ||
                !IsIntegral(context.Model.GetTypeInfo(division.Left, context.CancellationToken).Type) ||
                !IsIntegral(context.Model.GetTypeInfo(division.Right, context.CancellationToken).Type) || DividesExactly(division, context))
            {
                continue;
            }

            var target = info.ConvertedType.SpecialType switch
            {
                SpecialType.System_Single => "float",
                SpecialType.System_Decimal => "decimal",
                _ => "double",
            };
            context.Report(
                Info,
                division,
                $"`{RuleSyntax.Shorten(division.ToString(), 50)}` divides two integers, so the fraction is dropped before the result becomes a {target} (1 / 2 is 0). Convert an operand first: `({target}){RuleSyntax.Shorten(division.Left.ToString(), 30)} / {RuleSyntax.Shorten(division.Right.ToString(), 30)}`.",
                // Passed straight to a method (TimeSpan.FromSeconds(ms / 1000)) truncation is sometimes intended.
                RuleSyntax.Unparenthesize(division).Parent is ArgumentSyntax ? 0.55 : Info.Confidence,
                new TextChange(new TextSpan(division.Left.SpanStart, 0), $"({target})"));
        }
    }

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
        or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte;

    private static bool DividesExactly(BinaryExpressionSyntax division, RuleContext context)
    {
        var left = context.Model.GetConstantValue(division.Left, context.CancellationToken);
        var right = context.Model.GetConstantValue(division.Right, context.CancellationToken);
        return left.HasValue && right.HasValue && Convert.ToInt64(right.Value, System.Globalization.CultureInfo.InvariantCulture) is var r && r != 0 &&
               Convert.ToInt64(left.Value, System.Globalization.CultureInfo.InvariantCulture) % r == 0;
    }
}
