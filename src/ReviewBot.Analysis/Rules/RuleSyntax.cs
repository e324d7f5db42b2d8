using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.Analysis.Rules;

/// <summary>How an expression that names a variable uses it.</summary>
internal enum UseKind
{
    /// <summary><c>x.Member</c>, <c>x[i]</c>, <c>foreach (… in x)</c>: throws when x is null.</summary>
    Dereference,

    /// <summary><c>x == null</c>, <c>x is …</c>, <c>x?.M</c>, <c>x ?? …</c>: the code looks at whether it is null.</summary>
    Check,

    /// <summary><c>x = …</c>, <c>out x</c>: a new value.</summary>
    Write,

    /// <summary>Passed, returned, stored or captured: someone else may check or own it.</summary>
    Escape,

    /// <summary>Anything else; harmless for null analysis.</summary>
    Other,
}

/// <summary>Syntax helpers shared by the rules.</summary>
internal static class RuleSyntax
{
    /// <summary>The method, local function, lambda or accessor whose body holds <paramref name="node"/>.</summary>
    public static SyntaxNode? EnclosingFunction(SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(static n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax
            or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax);

    public static bool IsAsync(SyntaxNode? function) => function switch
    {
        MethodDeclarationSyntax m => m.Modifiers.Any(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax l => l.Modifiers.Any(SyntaxKind.AsyncKeyword),
        AnonymousFunctionExpressionSyntax a => a.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        _ => false,
    };

    public static string? FunctionName(SyntaxNode? function) => function switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        LocalFunctionStatementSyntax l => l.Identifier.ValueText,
        ConstructorDeclarationSyntax c => c.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The name a call is known by: <c>NotifyAsync</c> for <c>_client.NotifyAsync(x)</c>.</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        GenericNameSyntax g => g.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax b => b.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A variable-like reference: <c>x</c> or <c>this.x</c>.</summary>
    public static bool IsSimpleReference(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax || expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax };

    /// <summary>The identifier of a simple reference.</summary>
    public static string ReferenceName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        _ => expression.ToString(),
    };

    /// <summary>
    /// True when evaluating <paramref name="expression"/> twice gives the same value: names, member and element
    /// reads with simple indices, literals, casts, unary operators. Calls, creations and assignments are not.
    /// </summary>
    public static bool IsPure(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax or LiteralExpressionSyntax or PredefinedTypeSyntax => true,
        MemberAccessExpressionSyntax m => IsPure(m.Expression),
        ElementAccessExpressionSyntax e => IsPure(e.Expression) && e.ArgumentList.Arguments.All(static a => IsPure(a.Expression)),
        ParenthesizedExpressionSyntax p => IsPure(p.Expression),
        CastExpressionSyntax c => IsPure(c.Expression),
        PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) || u.IsKind(SyntaxKind.LogicalNotExpression) || u.IsKind(SyntaxKind.BitwiseNotExpression) => IsPure(u.Operand),
        BinaryExpressionSyntax b => IsPure(b.Left) && IsPure(b.Right),
        _ => false,
    };

    /// <summary>True when <paramref name="expression"/> mentions a name (so it is not just literals).</summary>
    public static bool MentionsName(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(static n => n is IdentifierNameSyntax or ThisExpressionSyntax);

    public static string Shorten(string text, int max = 60)
    {
        var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= max ? single : single[..(max - 1)] + "…";
    }

    /// <summary>How the reference <paramref name="reference"/> (a name or <c>this.name</c>) is used by its parent.</summary>
    public static UseKind ClassifyUse(ExpressionSyntax reference)
    {
        var expression = reference;
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        return expression.Parent switch
        {
            MemberAccessExpressionSyntax m when m.Expression == expression => UseKind.Dereference,
            ElementAccessExpressionSyntax e when e.Expression == expression => UseKind.Dereference,
            ForEachStatementSyntax f when f.Expression == expression => UseKind.Dereference,
            ConditionalAccessExpressionSyntax c when c.Expression == expression => UseKind.Check,
            BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) || b.IsKind(SyntaxKind.NotEqualsExpression) ||
                                          b.IsKind(SyntaxKind.CoalesceExpression) || b.IsKind(SyntaxKind.IsExpression) || b.IsKind(SyntaxKind.AsExpression) => UseKind.Check,
            IsPatternExpressionSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or UsingStatementSyntax => UseKind.Check,
            AssignmentExpressionSyntax a when a.Left == expression => a.IsKind(SyntaxKind.CoalesceAssignmentExpression) ? UseKind.Check : UseKind.Write,
            ArgumentSyntax a => a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) || a.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) ? UseKind.Write : UseKind.Escape,
            ReturnStatementSyntax or YieldStatementSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax or InitializerExpressionSyntax
                or AssignmentExpressionSyntax or ThrowStatementSyntax or ThrowExpressionSyntax => UseKind.Escape,
            _ => UseKind.Other,
        };
    }

    /// <summary>
    /// The first use, after <paramref name="statement"/> in its block, of the variable <paramref name="symbol"/> (or, when
    /// it did not bind, of a simple reference spelled <paramref name="name"/>) that decides something: a dereference,
    /// a null check, a write or an escape. A use inside a lambda or local function counts as an escape.
    /// </summary>
    public static (ExpressionSyntax Use, UseKind Kind)? FirstDecisiveUseAfter(StatementSyntax statement, string name, ISymbol? symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        if (statement.Parent is not BlockSyntax block)
        {
            return null;
        }

        foreach (var next in block.Statements.SkipWhile(s => s != statement).Skip(1))
        {
            if (FirstDecisiveUseIn(next, name, symbol, model, cancellationToken) is { } use)
            {
                return use;
            }
        }

        return null;
    }

    /// <summary>The first deciding use inside <paramref name="scope"/>; see <see cref="FirstDecisiveUseAfter"/>.</summary>
    public static (ExpressionSyntax Use, UseKind Kind)? FirstDecisiveUseIn(SyntaxNode scope, string name, ISymbol? symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var identifier in scope.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name)
            {
                continue;
            }

            ExpressionSyntax reference = identifier;
            if (identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier)
            {
                if (access.Expression is not ThisExpressionSyntax)
                {
                    continue;
                }

                reference = access;
            }
            else if (identifier.Parent is MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax)
            {
                continue;
            }

            if (symbol is not null && !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference, cancellationToken).Symbol, symbol))
            {
                continue;
            }

            if (reference.Ancestors().TakeWhile(a => a != scope).Any(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                return (reference, UseKind.Escape);
            }

            var kind = ClassifyUse(reference);
            if (kind != UseKind.Other)
            {
                return (reference, kind);
            }
        }

        return null;
    }

    /// <summary><c>x == null</c>, <c>null == x</c>, <c>x is null</c>: the expression tested for null, else null.</summary>
    public static ExpressionSyntax? NullTested(ExpressionSyntax condition, bool whenNull)
    {
        condition = Unparenthesize(condition);
        switch (condition)
        {
            case BinaryExpressionSyntax b when b.IsKind(whenNull ? SyntaxKind.EqualsExpression : SyntaxKind.NotEqualsExpression):
                return IsNull(b.Right) ? b.Left : IsNull(b.Left) ? b.Right : null;
            case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax c } p when whenNull && IsNull(c.Expression):
                return p.Expression;
            case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax c } u } p
                when !whenNull && u.OperatorToken.IsKind(SyntaxKind.NotKeyword) && IsNull(c.Expression):
                return p.Expression;
            case IsPatternExpressionSyntax { Pattern: RecursivePatternSyntax { Designation: null, Type: null } r } p
                when !whenNull && r.PositionalPatternClause is null && r.PropertyPatternClause is { Subpatterns.Count: 0 }:
                return p.Expression;
            default:
                return null;
        }
    }

    public static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax p)
        {
            expression = p.Expression;
        }

        return expression;
    }

    public static bool IsNull(ExpressionSyntax expression) => Unparenthesize(expression).IsKind(SyntaxKind.NullLiteralExpression);

    /// <summary>The single statement of <paramref name="statement"/> (itself, or the only statement of a block).</summary>
    public static StatementSyntax? Single(StatementSyntax statement) =>
        statement is BlockSyntax block ? block.Statements.Count == 1 ? block.Statements[0] : null : statement;

    /// <summary>True for a statement that leaves the block: return, throw, break, continue.</summary>
    public static bool IsExit(StatementSyntax? statement) =>
        statement is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax;
}
