using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Nulls;

/// <summary>
/// RB0010: a null check whose condition is the wrong way round. Three shapes: throwing ArgumentNullException when
/// the argument is <em>not</em> null (or ArgumentException when a string is <em>not</em> empty); returning early when
/// a variable is not null and then dereferencing it; and dereferencing a variable inside the block that runs only
/// when it is null.
/// </summary>
internal sealed class InvertedNullCheckRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0010", "Inverted null check", FindingKind.Bug, 0.85);

    public void Analyze(RuleContext context)
    {
        foreach (var statement in context.Root.DescendantNodes().OfType<IfStatementSyntax>())
        {
            if (statement.Else is not null)
            {
                continue;
            }

            var body = RuleSyntax.Single(statement.Statement);
            if (RuleSyntax.NullTested(statement.Condition, whenNull: false) is { } notNull && RuleSyntax.IsSimpleReference(notNull) && IsReferenceType(context, notNull))
            {
                var name = RuleSyntax.ReferenceName(notNull);
                if (Throws(body, "ArgumentNullException"))
                {
                    context.Report(Info, Condition(statement), $"This throws ArgumentNullException when `{name}` is *not* null: the condition is inverted. Use `{name} is null` (or `ArgumentNullException.ThrowIfNull({name})`).", 0.9, Flip(statement.Condition));
                }
                else if (RuleSyntax.IsExit(body) && body is not ContinueStatementSyntax &&
                         RuleSyntax.FirstDecisiveUseAfter(statement, name, Symbol(context, notNull), context.Model, context.CancellationToken) is ({ } use, UseKind.Dereference))
                {
                    context.Report(Info, Condition(statement), $"This leaves early when `{name}` is *not* null, so the code below runs only when it is null, and `{RuleSyntax.Shorten(use.Parent!.ToString(), 40)}` there will throw NullReferenceException. The condition looks inverted: did you mean `{name} is null`?", 0.8, Flip(statement.Condition));
                }
            }
            else if (RuleSyntax.NullTested(statement.Condition, whenNull: true) is { } isNull && RuleSyntax.IsSimpleReference(isNull) && IsReferenceType(context, isNull))
            {
                var name = RuleSyntax.ReferenceName(isNull);
                if (RuleSyntax.FirstDecisiveUseIn(statement.Statement, name, Symbol(context, isNull), context.Model, context.CancellationToken) is ({ } use, UseKind.Dereference))
                {
                    context.Report(Info, Condition(statement), $"This block runs only when `{name}` is null, yet `{RuleSyntax.Shorten(use.Parent!.ToString(), 40)}` inside it dereferences `{name}` and will throw NullReferenceException. Is the condition inverted (`{name} is not null`)?", 0.85, Flip(statement.Condition));
                }
            }
            else if (IsNotNullOrEmpty(statement.Condition) is { } text && (Throws(body, "ArgumentNullException") || Throws(body, "ArgumentException")))
            {
                context.Report(Info, Condition(statement), $"This throws when `{text}` is *not* empty, i.e. for every valid value: the `!` looks wrong. Throw when `string.IsNullOrEmpty({text})` is true instead.", 0.85);
            }
        }
    }

    private static TextSpan Condition(IfStatementSyntax statement) => TextSpan.FromBounds(statement.IfKeyword.SpanStart, statement.CloseParenToken.Span.End);

    /// <summary>Only references throw on dereference; <c>int?</c> has HasValue and GetValueOrDefault, which don't.</summary>
    private static bool IsReferenceType(RuleContext context, ExpressionSyntax expression) =>
        context.Model.GetTypeInfo(expression, context.CancellationToken).Type is { IsReferenceType: true, TypeKind: not TypeKind.Error };

    private static ISymbol? Symbol(RuleContext context, ExpressionSyntax reference) => context.Model.GetSymbolInfo(reference, context.CancellationToken).Symbol;

    private static bool Throws(StatementSyntax? statement, string exception) =>
        statement is ThrowStatementSyntax { Expression: ObjectCreationExpressionSyntax creation } &&
        creation.Type.ToString() is var type && (type == exception || type.EndsWith("." + exception, StringComparison.Ordinal));

    /// <summary><c>!string.IsNullOrEmpty(x)</c> / <c>!string.IsNullOrWhiteSpace(x)</c>: the tested expression's text.</summary>
    private static string? IsNotNullOrEmpty(ExpressionSyntax condition) =>
        RuleSyntax.Unparenthesize(condition) is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: InvocationExpressionSyntax call } &&
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsNullOrEmpty" or "IsNullOrWhiteSpace", Expression: var owner } &&
        owner.ToString() is "string" or "String" && call.ArgumentList.Arguments.Count == 1
            ? call.ArgumentList.Arguments[0].Expression.ToString()
            : null;

    /// <summary>The condition with its null test turned round, as a fix.</summary>
    private static TextChange? Flip(ExpressionSyntax condition) => RuleSyntax.Unparenthesize(condition) switch
    {
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.NotEqualsExpression) => new TextChange(b.OperatorToken.Span, "=="),
        BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) => new TextChange(b.OperatorToken.Span, "!="),
        IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax u } => new TextChange(TextSpan.FromBounds(u.OperatorToken.SpanStart, u.Pattern.SpanStart), ""),
        IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax c } => new TextChange(new TextSpan(c.SpanStart, 0), "not "),
        _ => null,
    };
}
