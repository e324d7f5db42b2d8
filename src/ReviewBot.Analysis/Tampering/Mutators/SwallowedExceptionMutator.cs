using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>
/// An exception swallowed: a catch body that handled or rethrew replaced by nothing (or by <c>return default;</c>), or a
/// call wrapped in <c>try { … } catch { }</c>.
/// </summary>
internal sealed class SwallowedExceptionMutator : IMutator
{
    public MutationKind Kind => MutationKind.SwallowedException;

    public bool IsCandidate(SyntaxNode node) => node switch
    {
        CatchClauseSyntax { Block.Statements.Count: > 0 } clause => !IsAlreadySwallowing(clause.Block),
        ExpressionStatementSyntax { Parent: BlockSyntax, Expression: InvocationExpressionSyntax or AwaitExpressionSyntax } statement =>
            !statement.Ancestors().Any(static a => a is TryStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax),
        _ => false,
    };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        if (node is CatchClauseSyntax clause)
        {
            var block = clause.Block;
            var text = scope.Text;
            var inline = text.Lines.GetLineFromPosition(block.OpenBraceToken.SpanStart).LineNumber == text.Lines.GetLineFromPosition(block.CloseBraceToken.SpanStart).LineNumber;
            var indent = IndentAt(text, block.CloseBraceToken.SpanStart);
            var interior = TextSpan.FromBounds(block.OpenBraceToken.Span.End, block.CloseBraceToken.SpanStart);
            var caught = clause.Declaration is null ? "catch" : $"catch {Short(clause.Declaration, 40)}";
            yield return new MutationSite(
                Kind,
                [new TextChange(interior, inline ? " " : "\n" + indent)],
                $"body of `{caught}` emptied: the exception is swallowed and the failure goes unnoticed",
                $"This `{caught}` now ignores the exception completely: the failure is neither handled, logged nor rethrown, so callers carry on as if it had worked.");
            yield return new MutationSite(
                Kind,
                [new TextChange(interior, inline ? " return default; " : $"\n{indent}    return default;\n{indent}")],
                $"body of `{caught}` replaced by `return default;`: the exception is swallowed and callers get a default value as if it had worked",
                $"This `{caught}` turns every failure into `default`: the error is lost and callers cannot tell it from a real result.");
            yield break;
        }

        var statement = (ExpressionStatementSyntax)node;
        var lines = DeleteLines(statement, scope.Text);
        if (lines is not { } change)
        {
            yield break;
        }

        var pad = IndentAt(scope.Text, statement.SpanStart);
        var wrapped = $"{pad}try\n{pad}{{\n{pad}    {statement}\n{pad}}}\n{pad}catch\n{pad}{{\n{pad}}}\n";
        yield return new MutationSite(
            Kind,
            [new TextChange(change.Span, wrapped)],
            $"`{Short(statement)}` wrapped in a catch-all that ignores every exception: its failures now pass silently",
            $"Every exception from `{Short(statement, 40)}` is caught and ignored: failures (including bugs) disappear without a trace and the code goes on as if it had worked.");
    }

    private static bool IsAlreadySwallowing(BlockSyntax block) =>
        block.Statements is [ReturnStatementSyntax { Expression: null or LiteralExpressionSyntax or DefaultExpressionSyntax }] or [ContinueStatementSyntax] or [BreakStatementSyntax];
}
