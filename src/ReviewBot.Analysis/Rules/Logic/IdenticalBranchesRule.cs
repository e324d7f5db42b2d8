using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0006: an <c>if</c>/<c>else</c> whose two branches are the same code, or a <c>?:</c> with the same result on
/// both sides: the condition has no effect, which usually means one branch was copied and not edited.
/// <c>else if</c> chains are not compared (different conditions may rightly share an action).
/// </summary>
internal sealed class IdenticalBranchesRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0006", "Identical branches", FindingKind.Bug, 0.8);

    public void Analyze(RuleContext context)
    {
        foreach (var node in context.Root.DescendantNodes())
        {
            switch (node)
            {
                case IfStatementSyntax { Else.Statement: var otherwise } statement
                    when otherwise is not IfStatementSyntax && !IsEmpty(statement.Statement) &&
                         SyntaxFactory.AreEquivalent(statement.Statement, otherwise, topLevel: false):
                    context.Report(
                        Info,
                        TextSpan.FromBounds(statement.IfKeyword.SpanStart, statement.CloseParenToken.Span.End),
                        $"Both branches of this `if` do exactly the same thing, so the condition `{RuleSyntax.Shorten(statement.Condition.ToString(), 50)}` has no effect. Was one branch meant to differ? If not, drop the `if`.");
                    break;
                case ConditionalExpressionSyntax conditional
                    when SyntaxFactory.AreEquivalent(conditional.WhenTrue, conditional.WhenFalse, topLevel: false):
                    context.Report(
                        Info,
                        conditional,
                        $"Both results of this `?:` are `{RuleSyntax.Shorten(conditional.WhenTrue.ToString(), 40)}`, so the condition has no effect. Was one of them meant to differ?");
                    break;
            }
        }
    }

    private static bool IsEmpty(StatementSyntax statement) => statement is BlockSyntax { Statements.Count: 0 } or EmptyStatementSyntax;
}
