using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>A <c>using</c> declaration or statement turned into a plain local, or an explicit <c>Dispose()</c> removed.</summary>
internal sealed class RemovedDisposeMutator : IMutator
{
    public MutationKind Kind => MutationKind.RemovedDispose;

    public bool IsCandidate(SyntaxNode node) => node switch
    {
        LocalDeclarationStatementSyntax local => local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword),
        UsingStatementSyntax { Declaration.Variables.Count: 1, Statement: BlockSyntax } => true,
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" }, ArgumentList.Arguments.Count: 0 } } => true,
        ExpressionStatementSyntax { Expression: AwaitExpressionSyntax awaited } => IsDisposeAsync(awaited.Expression),
        _ => false,
    };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        switch (node)
        {
            case LocalDeclarationStatementSyntax local:
                var first = local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) ? local.AwaitKeyword : local.UsingKeyword;
                var variable = local.Declaration.Variables[0];
                yield return Site(
                    new TextChange(TextSpan.FromBounds(first.SpanStart, local.Declaration.SpanStart), ""),
                    variable.Identifier.ValueText,
                    TypeName(local.Declaration.Type, scope),
                    isDeletion: false);
                break;
            case UsingStatementSyntax statement:
                var declarator = statement.Declaration!.Variables[0];
                var start = statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) ? statement.AwaitKeyword.SpanStart : statement.UsingKeyword.SpanStart;
                yield return Site(
                    new TextChange(TextSpan.FromBounds(start, statement.CloseParenToken.Span.End), statement.Declaration + ";"),
                    declarator.Identifier.ValueText,
                    TypeName(statement.Declaration.Type, scope),
                    isDeletion: false);
                break;
            case ExpressionStatementSyntax call when DeleteLines(call, scope.Text) is { } change:
                var target = call.Expression is AwaitExpressionSyntax awaited ? Disposed(awaited.Expression) : ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)call.Expression).Expression).Expression;
                yield return Site(change, Short(target!, 30), TypeName(target!, scope), isDeletion: true);
                break;
        }
    }

    private MutationSite Site(TextChange change, string name, string type, bool isDeletion) => new(
        Kind,
        [change],
        $"`{name}` is no longer disposed ({(isDeletion ? "Dispose call removed" : "`using` removed")}): the {type} leaks its handle/connection",
        $"`{name}` is never disposed now: the {type} keeps its underlying resource (handle, connection, buffer) until the finalizer runs, if ever. Use `using`.",
        isDeletion);

    private static string TypeName(SyntaxNode typeOrExpression, MutationScope scope)
    {
        var type = scope.TypeOf(typeOrExpression);
        return IsUsable(type) ? type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : "object";
    }

    private static bool IsDisposeAsync(ExpressionSyntax expression) => Disposed(expression) is not null;

    private static ExpressionSyntax? Disposed(ExpressionSyntax expression) => expression switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DisposeAsync" } access, ArgumentList.Arguments.Count: 0 } => access.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } } => Disposed(inner),
        _ => null,
    };
}

/// <summary><c>x = y;</c> → <c>x = x;</c>.</summary>
internal sealed class SelfAssignmentMutator : IMutator
{
    public MutationKind Kind => MutationKind.SelfAssignment;

    public bool IsCandidate(SyntaxNode node) =>
        node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax } assignment &&
        IsSimple(assignment.Left) && assignment.Left is not LiteralExpressionSyntax && IsSimple(assignment.Right) &&
        !SyntaxFactory.AreEquivalent(assignment.Left, assignment.Right);

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var assignment = (AssignmentExpressionSyntax)node;
        var (left, right) = (Short(assignment.Left, 30), Short(assignment.Right, 30));
        yield return new MutationSite(
            Kind,
            [new TextChange(assignment.Right.Span, assignment.Left.ToString())],
            $"`{left} = {right}` became `{left} = {left}`: `{left}` keeps its old value and `{right}` is ignored",
            $"`{left} = {left}` assigns `{left}` to itself: it keeps its old value. This should assign `{right}`.");
    }
}
