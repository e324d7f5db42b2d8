using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>Helpers shared by the mutators.</summary>
internal static class MutatorSyntax
{
    /// <summary>The code of <paramref name="node"/> on one line, shortened for a description.</summary>
    public static string Short(SyntaxNode node, int max = 60) => Short(node.ToString(), max);

    public static string Short(string code, int max = 60)
    {
        var text = new StringBuilder(Math.Min(code.Length, max + 1));
        var space = false;
        foreach (var c in code)
        {
            if (char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        return text.Length <= max ? text.ToString() : string.Concat(text.ToString(0, max - 1), "…");
    }

    /// <summary>
    /// The edit deleting <paramref name="statement"/> with its whole lines, when it has them to itself (nothing else
    /// on its first and last line, no preprocessor directive inside); null otherwise.
    /// </summary>
    public static TextChange? DeleteLines(StatementSyntax statement, SourceText text)
    {
        var first = text.Lines.GetLineFromPosition(statement.SpanStart);
        var last = text.Lines.GetLineFromPosition(statement.Span.End);
        if (!IsBlank(text, first.Start, statement.SpanStart) || !IsBlank(text, statement.Span.End, last.End) ||
            statement.ContainsDirectives || HasTrailingComment(statement))
        {
            return null;
        }

        return new TextChange(TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak), "");
    }

    /// <summary>The whitespace at the start of the line holding <paramref name="position"/>.</summary>
    public static string IndentAt(SourceText text, int position)
    {
        var line = text.Lines.GetLineFromPosition(position);
        var end = line.Start;
        while (end < line.End && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.ToString(TextSpan.FromBounds(line.Start, end));
    }

    /// <summary>True when <paramref name="node"/> is the first thing on its line.</summary>
    public static bool StartsLine(SyntaxNode node, SourceText text) =>
        IsBlank(text, text.Lines.GetLineFromPosition(node.SpanStart).Start, node.SpanStart);

    /// <summary>A statement that leaves: <c>throw</c>, <c>return</c>, <c>continue</c>, <c>break</c>, alone or as a block's only statement.</summary>
    public static bool IsExit(StatementSyntax statement) => statement switch
    {
        ThrowStatementSyntax or ReturnStatementSyntax or ContinueStatementSyntax or BreakStatementSyntax => true,
        BlockSyntax { Statements: [var only] } => IsExit(only),
        _ => false,
    };

    /// <summary>The exit of a guard for a description: <c>throw</c>, <c>return null</c>, …</summary>
    public static string ExitText(StatementSyntax statement) => statement switch
    {
        BlockSyntax { Statements: [var only] } => ExitText(only),
        ThrowStatementSyntax => "throws",
        ReturnStatementSyntax { Expression: null } => "returns",
        ReturnStatementSyntax r => $"returns `{Short(r.Expression!, 30)}`",
        ContinueStatementSyntax => "skips the item",
        _ => "stops the loop",
    };

    /// <summary>Wraps a binary or conditional expression in parentheses so text can be appended to it safely.</summary>
    public static string Operand(ExpressionSyntax expression) =>
        expression is BinaryExpressionSyntax or ConditionalExpressionSyntax or AssignmentExpressionSyntax or CastExpressionSyntax or LambdaExpressionSyntax or IsPatternExpressionSyntax or SwitchExpressionSyntax
            ? $"({expression})"
            : expression.ToString();

    /// <summary>True for names, member reads, literals and <c>this</c>.</summary>
    public static bool IsSimple(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or LiteralExpressionSyntax or ThisExpressionSyntax or PredefinedTypeSyntax => true,
        MemberAccessExpressionSyntax m => IsSimple(m.Expression),
        _ => false,
    };

    public static bool IsNumeric(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    public static bool IsUsable(ITypeSymbol? type) => type is not null && type.TypeKind != TypeKind.Error && !type.IsAnonymousType;

    /// <summary><c>x.Length</c>, <c>x.Count</c>, <c>x.Count()</c> somewhere in <paramref name="expression"/>.</summary>
    public static bool MentionsSize(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf().Any(static n => n is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" or "Count" or "LongLength" });

    public static string OperatorText(SyntaxKind kind) => SyntaxFacts.GetText(kind);

    private static bool IsBlank(SourceText text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasTrailingComment(StatementSyntax statement) =>
        statement.GetLastToken().TrailingTrivia.Any(static t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));
}
