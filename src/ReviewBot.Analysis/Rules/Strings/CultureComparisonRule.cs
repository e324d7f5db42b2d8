using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Strings;

/// <summary>
/// RB0011: string comparisons that depend on the machine's culture. <c>a.ToLower() == b</c> (Turkish "I" lowercases
/// to "ı", and a new string is allocated each time), <c>string.Compare(a, b)</c> without a StringComparison, and
/// <c>StartsWith/EndsWith/IndexOf(string)</c> without one, which compare linguistically.
/// </summary>
internal sealed class CultureComparisonRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0011", "Culture-sensitive string comparison", FindingKind.Bug, 0.6);

    public void Analyze(RuleContext context)
    {
        foreach (var node in context.Root.DescendantNodes())
        {
            switch (node)
            {
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression):
                    AnalyzeEquality(context, binary);
                    break;
                case InvocationExpressionSyntax invocation:
                    AnalyzeCall(context, invocation);
                    break;
            }
        }
    }

    private void AnalyzeEquality(RuleContext context, BinaryExpressionSyntax binary)
    {
        var left = CaseChange(binary.Left, context);
        var right = CaseChange(binary.Right, context);
        if (left is null && right is null)
        {
            return;
        }

        var a = left?.Receiver.ToString() ?? binary.Left.ToString();
        var b = right?.Receiver.ToString() ?? binary.Right.ToString();
        var negate = binary.IsKind(SyntaxKind.NotEqualsExpression) ? "!" : "";
        var replacement = $"{negate}string.Equals({a}, {b}, StringComparison.OrdinalIgnoreCase)";
        var found = (left ?? right)!.Value;
        context.Report(
            Info,
            binary,
            $"`{RuleSyntax.Shorten(binary.ToString(), 60)}` changes case with the current culture (in Turkish, \"TITLE\".{found.Method}() is not \"title\") and allocates a new string on every call. Compare without changing case: `{RuleSyntax.Shorten(replacement, 80)}`.",
            found.Resolved ? Info.Confidence : 0.5,
            new TextChange(binary.Span, replacement));
    }

    private void AnalyzeCall(RuleContext context, InvocationExpressionSyntax invocation)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax access || context.Model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method ||
            method.ContainingType?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        var parameters = method.Parameters;
        var hasComparison = parameters.Any(static p => p.Type.Name is "StringComparison" or "CultureInfo" or "CompareOptions");
        if (hasComparison)
        {
            return;
        }

        var name = method.Name;
        if (name == "Compare" && method.IsStatic && parameters.Length is 2 or 3 && parameters[0].Type.SpecialType == SpecialType.System_String)
        {
            context.Report(Info, invocation, $"`string.Compare` without a StringComparison compares with the current culture's rules, so the result changes with the machine's locale. Pass `StringComparison.Ordinal` (or `OrdinalIgnoreCase`) for identifiers, keys and protocol text, or `CurrentCulture` explicitly if linguistic order is wanted.", 0.5);
        }
        else if (name is "StartsWith" or "EndsWith" or "IndexOf" or "LastIndexOf" && !method.IsStatic && parameters.Length == 1 &&
                 parameters[0].Type.SpecialType == SpecialType.System_String)
        {
            context.Report(Info, invocation, $"`{RuleSyntax.Shorten(access.Expression.ToString(), 30)}.{name}(string)` compares with the current culture's rules (slower, and ignorable characters such as \"\\0\" make matches succeed unexpectedly). Pass `StringComparison.Ordinal` unless linguistic matching is intended.", 0.45,
                new TextChange(new TextSpan(invocation.ArgumentList.Arguments[0].Span.End, 0), ", StringComparison.Ordinal"));
        }
    }

    /// <summary><c>x.ToLower()</c> / <c>x.ToUpper()</c> on a string (or on something that did not bind).</summary>
    private static (ExpressionSyntax Receiver, string Method, bool Resolved)? CaseChange(ExpressionSyntax expression, RuleContext context)
    {
        if (RuleSyntax.Unparenthesize(expression) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ToLower" or "ToUpper" } access })
        {
            return null;
        }

        var type = context.Model.GetTypeInfo(access.Expression, context.CancellationToken).Type;
        var resolved = type is not null && type.TypeKind != TypeKind.Error;
        return !resolved || type!.SpecialType == SpecialType.System_String ? (access.Expression, access.Name.Identifier.ValueText, resolved) : null;
    }
}
