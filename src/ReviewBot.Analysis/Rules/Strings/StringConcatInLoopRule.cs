using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Strings;

/// <summary>
/// RB0015: <c>s += …</c> on a string local declared outside the loop it runs in. Each pass copies the whole string
/// built so far, so the loop is quadratic in the output length.
/// </summary>
internal sealed class StringConcatInLoopRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0015", "String built by concatenation in a loop", FindingKind.Performance, 0.45);

    public void Analyze(RuleContext context)
    {
        foreach (var assignment in context.Root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (!assignment.IsKind(SyntaxKind.AddAssignmentExpression) || assignment.Left is not IdentifierNameSyntax target ||
                assignment.Ancestors().FirstOrDefault(static a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                    or AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax) is not StatementSyntax loop ||
                context.Model.GetSymbolInfo(target, context.CancellationToken).Symbol is not ILocalSymbol { Type.SpecialType: SpecialType.System_String } local ||
                local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not { } declared || loop.Span.Contains(declared.Span))
            {
                continue;
            }

            context.Report(
                Info,
                assignment,
                $"`{target.Identifier.ValueText} += …` inside a loop copies the whole string built so far on every pass, which grows quadratically with the output. Build it with a StringBuilder (or string.Join / string.Concat over the items).");
        }
    }
}
