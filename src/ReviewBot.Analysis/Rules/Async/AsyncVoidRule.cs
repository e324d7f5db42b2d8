using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Async;

/// <summary>
/// RB0002: an <c>async void</c> method that is not an event handler. Nobody can await it, and an exception thrown
/// in it is raised on the thread pool or synchronization context, which usually ends the process. Overrides and
/// interface implementations are left alone: their signature is not the author's choice.
/// </summary>
internal sealed class AsyncVoidRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0002", "async void method", FindingKind.Bug, 0.85);

    public void Analyze(RuleContext context)
    {
        foreach (var node in context.Root.DescendantNodes())
        {
            var (modifiers, returnType, identifier, parameters) = node switch
            {
                MethodDeclarationSyntax m => (m.Modifiers, m.ReturnType, m.Identifier, m.ParameterList),
                LocalFunctionStatementSyntax l => (l.Modifiers, l.ReturnType, l.Identifier, l.ParameterList),
                _ => (default, null!, default, null!),
            };
            if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } || !modifiers.Any(SyntaxKind.AsyncKeyword) ||
                modifiers.Any(SyntaxKind.OverrideKeyword) || IsEventHandler(parameters) ||
                node is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } || ImplementsInterface(node, context))
            {
                continue;
            }

            var asyncKeyword = modifiers.First(static m => m.IsKind(SyntaxKind.AsyncKeyword));
            context.Report(
                Info,
                TextSpan.FromBounds(asyncKeyword.SpanStart, identifier.Span.End),
                $"`{identifier.ValueText}` is `async void`: callers cannot await it or see when it finishes, and an exception thrown in it is raised on the thread pool, which usually crashes the process. Return `Task` instead and await it where it is called.",
                edit: new TextChange(returnType.Span, "Task"));
        }
    }

    /// <summary><c>(object sender, SomethingEventArgs e)</c>: the one place async void is the norm.</summary>
    private static bool IsEventHandler(ParameterListSyntax parameters) =>
        parameters.Parameters.Count == 2 &&
        parameters.Parameters[1].Type?.ToString() is { } type &&
        (type.EndsWith("EventArgs", StringComparison.Ordinal) || type.EndsWith("Args", StringComparison.Ordinal) || type.EndsWith("EventArgs?", StringComparison.Ordinal));

    private static bool ImplementsInterface(SyntaxNode node, RuleContext context)
    {
        if (node is not MethodDeclarationSyntax || context.Model.GetDeclaredSymbol(node, context.CancellationToken) is not IMethodSymbol method)
        {
            return false;
        }

        return method.ContainingType.AllInterfaces.SelectMany(static i => i.GetMembers().OfType<IMethodSymbol>())
            .Any(m => SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method));
    }
}
