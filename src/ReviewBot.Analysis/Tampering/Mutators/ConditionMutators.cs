using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>The condition of an <c>if</c>, <c>while</c>, <c>do</c> or <c>?:</c> negated, or its negation removed.</summary>
internal sealed class NegatedConditionMutator : IMutator
{
    public MutationKind Kind => MutationKind.NegatedCondition;

    public bool IsCandidate(SyntaxNode node) =>
        node is ExpressionSyntax expression &&
        node.Parent switch
        {
            IfStatementSyntax s => s.Condition == node,
            WhileStatementSyntax s => s.Condition == node,
            DoStatementSyntax s => s.Condition == node,
            ConditionalExpressionSyntax c => c.Condition == node,
            _ => false,
        } &&
        !expression.IsKind(SyntaxKind.TrueLiteralExpression) && !expression.IsKind(SyntaxKind.FalseLiteralExpression) &&
        // Negating a pattern that declares a variable leaves it unassigned where it is used: it would not compile.
        !expression.DescendantNodesAndSelf().Any(static n => n is DeclarationPatternSyntax or DeclarationExpressionSyntax or RecursivePatternSyntax { Designation: not null } or VarPatternSyntax);

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var condition = (ExpressionSyntax)node;
        string after;
        if (condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            after = not.Operand is ParenthesizedExpressionSyntax inner ? inner.Expression.ToString() : not.Operand.ToString();
        }
        else
        {
            after = condition is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax
                ? "!" + condition
                : $"!({condition})";
        }

        var owner = node.Parent switch
        {
            IfStatementSyntax => "if",
            WhileStatementSyntax => "while",
            DoStatementSyntax => "do … while",
            _ => "?:",
        };
        yield return new MutationSite(
            Kind,
            [new TextChange(condition.Span, after)],
            $"condition of `{owner}` negated: `{Short(condition)}` became `{Short(after)}`, so the branch runs exactly when it should not",
            $"The condition `{Short(after)}` is inverted: this branch now runs in exactly the cases it should skip. It should be `{Short(condition)}`.");
    }
}

/// <summary>A <c>break</c> out of a loop removed (with the <c>if</c> that guarded it, when it was its only statement).</summary>
internal sealed class RemovedBreakMutator : IMutator
{
    public MutationKind Kind => MutationKind.RemovedBreak;

    public bool IsCandidate(SyntaxNode node) =>
        node is BreakStatementSyntax &&
        node.Ancestors().FirstOrDefault(static a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchSectionSyntax or SwitchExpressionSyntax)
            is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var statement = (BreakStatementSyntax)node;
        var loop = node.Ancestors().First(static a => a is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);
        var keyword = loop switch
        {
            ForStatementSyntax => "for",
            ForEachStatementSyntax => "foreach",
            WhileStatementSyntax => "while",
            _ => "do",
        };
        var guard = statement.Parent switch
        {
            IfStatementSyntax { Else: null } s when s.Statement == statement => s,
            BlockSyntax { Parent: IfStatementSyntax { Else: null } s, Statements.Count: 1 } => s,
            _ => null,
        };
        StatementSyntax removed = guard is not null ? guard : statement;
        if (guard is null && statement.Parent is not BlockSyntax)
        {
            yield break;
        }

        if (DeleteLines(removed, scope.Text) is not { } change)
        {
            yield break;
        }

        var when = guard is null ? "" : $" when `{Short(guard.Condition, 40)}`";
        yield return new MutationSite(
            Kind,
            [change],
            $"`break` removed from the `{keyword}` loop: it no longer stops{when} and goes on with the remaining items",
            guard is null
                ? $"The `{keyword}` loop no longer breaks here, so it goes on past the point where it should stop and processes items it must not."
                : $"The `{keyword}` loop no longer stops{when}: it goes on with the remaining items, and later passes overwrite or repeat the work.",
            IsDeletion: true);
    }
}

/// <summary><c>return x;</c> → another local or parameter of the same type.</summary>
internal sealed class WrongVariableReturnedMutator : IMutator
{
    public MutationKind Kind => MutationKind.WrongVariableReturned;

    public bool IsCandidate(SyntaxNode node) => node is ReturnStatementSyntax { Expression: IdentifierNameSyntax };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var statement = (ReturnStatementSyntax)node;
        var name = (IdentifierNameSyntax)statement.Expression!;
        var returned = scope.SymbolOf(name);
        var type = returned switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };
        if (!IsUsable(type))
        {
            yield break;
        }

        var others = scope.Model.LookupSymbols(statement.SpanStart)
            .Where(s => s is ILocalSymbol or IParameterSymbol { IsThis: false, RefKind: not RefKind.Out } && s.Name != name.Identifier.ValueText && !s.Name.StartsWith('_'))
            .Where(s => SymbolEqualityComparer.Default.Equals(s is ILocalSymbol l ? l.Type : ((IParameterSymbol)s).Type, type))
            .Where(s => s is not ILocalSymbol || s.DeclaringSyntaxReferences.All(r => r.Span.End < statement.SpanStart))
            .Select(static s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        scope.Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(others));
        foreach (var other in others.Take(3))
        {
            yield return new MutationSite(
                Kind,
                [new TextChange(name.Span, other)],
                $"returns `{other}` instead of `{name}`: callers get the wrong {type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}",
                $"This returns `{other}`, but the value computed for the caller is `{name}`: the result is wrong.");
        }
    }
}
