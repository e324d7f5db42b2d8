using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Exceptions;

/// <summary>
/// RB0003: a catch of every exception (<c>catch</c>, <c>catch (Exception)</c>) whose body ignores it: empty, or
/// returning a constant, <c>continue</c> or <c>break</c>, with no logging, no rethrow and no comment saying it is
/// deliberate. Methods named <c>Try…</c> (whose contract is to return false) and <c>Dispose</c> are left alone.
/// </summary>
internal sealed class SwallowedExceptionRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0003", "Exception swallowed", FindingKind.Bug, 0.8);

    public void Analyze(RuleContext context)
    {
        foreach (var clause in context.Root.DescendantNodes().OfType<CatchClauseSyntax>())
        {
            if (clause.Filter is not null || !CatchesEverything(clause, context) || HasComment(clause.Block) || IsExempt(clause))
            {
                continue;
            }

            var statements = clause.Block.Statements;
            string? comment = null;
            var confidence = Info.Confidence;
            if (statements.Count == 0)
            {
                comment = "This `catch` swallows every exception without a trace: real failures (including bugs such as NullReferenceException) silently disappear. Catch only the exceptions you expect here, and log or rethrow the rest.";
            }
            else if (statements.Count == 1 && statements[0] is ReturnStatementSyntax { Expression: var value } && (value is null || IsConstant(value, context)))
            {
                var shown = value is null ? "a plain return" : $"`{RuleSyntax.Shorten(value.ToString(), 30)}`";
                comment = $"This `catch` turns every exception into {shown}, so callers cannot tell a failure from a legitimate result and the cause is lost. Catch the specific exceptions you expect, log them, and let the rest propagate.";
                confidence = 0.7;
            }
            else if (statements.Count == 1 && statements[0] is ContinueStatementSyntax or BreakStatementSyntax)
            {
                comment = "This `catch` silently skips the item on any exception, including bugs, with nothing logged. Catch the specific exceptions you expect and log what was skipped.";
                confidence = 0.6;
            }

            if (comment is not null)
            {
                context.Report(Info, clause, comment, confidence);
            }
        }
    }

    private static bool CatchesEverything(CatchClauseSyntax clause, RuleContext context)
    {
        if (clause.Declaration is null)
        {
            return true;
        }

        var type = context.Model.GetTypeInfo(clause.Declaration.Type, context.CancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return clause.Declaration.Type.ToString() is "Exception" or "System.Exception";
        }

        return type.ToDisplayString() is "System.Exception" or "System.SystemException";
    }

    private static bool HasComment(BlockSyntax block) =>
        block.DescendantTrivia().Any(static t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));

    private static bool IsExempt(CatchClauseSyntax clause) =>
        RuleSyntax.FunctionName(RuleSyntax.EnclosingFunction(clause)) is { } name &&
        (name.StartsWith("Try", StringComparison.Ordinal) || name is "Dispose" or "DisposeAsync" or "Finalize");

    /// <summary>A value that carries no information about the failure: a literal, default, an empty string or collection.</summary>
    private static bool IsConstant(ExpressionSyntax value, RuleContext context) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax => true,
        CollectionExpressionSyntax { Elements.Count: 0 } => true,
        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0, Initializer: null } => true,
        InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Empty" } } => true,
        _ => value.ToString() is "string.Empty" or "String.Empty" || context.Model.GetConstantValue(value, context.CancellationToken).HasValue,
    };
}
