using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Async;

/// <summary>
/// RB0001: a call that returns a task is used as a statement, so nobody awaits it. In an async method the method
/// runs on (and may return) before the work is done and its exceptions are lost; in a method that returns a task,
/// the caller is told the work is done when it is not. Calls that do not bind are judged by their name (…Async),
/// with less confidence. Explicit discards (<c>_ = FooAsync()</c>) are respected.
/// </summary>
internal sealed class DroppedAwaitRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0001", "Task not awaited", FindingKind.Bug, 0.9);

    public void Analyze(RuleContext context)
    {
        foreach (var statement in context.Root.DescendantNodes().OfType<ExpressionStatementSyntax>())
        {
            var invocation = statement.Expression switch
            {
                InvocationExpressionSyntax i => i,
                ConditionalAccessExpressionSyntax { WhenNotNull: InvocationExpressionSyntax i } => i,
                _ => null,
            };
            if (invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax inner } })
            {
                // FooAsync().ConfigureAwait(false) dropped is still FooAsync dropped; name it by FooAsync.
                invocation = inner;
            }

            if (invocation is null || RuleSyntax.InvokedName(invocation) is not { } name || IsDeliberate(name))
            {
                continue;
            }

            var function = RuleSyntax.EnclosingFunction(statement);
            var isAsync = RuleSyntax.IsAsync(function);
            var returnsTask = ReturnsTask(function, context);
            if (!isAsync && !returnsTask)
            {
                // In a synchronous void method a dropped task is as likely deliberate fire-and-forget as a mistake.
                continue;
            }

            var type = context.Model.GetTypeInfo(statement.Expression, context.CancellationToken).Type;
            double confidence;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                if (!name.EndsWith("Async", StringComparison.Ordinal) || context.Model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not null)
                {
                    continue;
                }

                confidence = isAsync ? 0.7 : 0.55;
            }
            else if (IsAwaitable(type))
            {
                confidence = isAsync ? Info.Confidence : 0.7;
            }
            else
            {
                continue;
            }

            if (IsTaskRun(invocation))
            {
                confidence -= 0.25;
            }

            var owner = RuleSyntax.FunctionName(function);
            var comment = isAsync
                ? $"`{name}(…)` returns a task that is never awaited: {(owner is null ? "the method" : $"`{owner}`")} carries on (and may return) before it finishes, and any exception it throws is lost. Add `await`; if fire-and-forget is really intended, make it explicit with `_ = {name}(…)` and handle its exceptions."
                : $"`{name}(…)` returns a task that is dropped: this method returns a task of its own, but it does not wait for this one, so callers believe the work is done when it is not and its exceptions are lost. Make the method async and await it, or return the task.";
            TextChange? edit = isAsync ? new TextChange(new TextSpan(statement.Expression.SpanStart, 0), "await ") : null;
            context.Report(Info, statement, comment, confidence, edit);
        }
    }

    private static bool IsDeliberate(string name) =>
        name is "Forget" or "FireAndForget" or "SafeFireAndForget" or "NoWait" or "RunInBackground";

    private static bool IsTaskRun(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew" } m &&
        m.Expression.ToString() is "Task" or "Task.Factory" or "System.Threading.Tasks.Task";

    private static bool ReturnsTask(SyntaxNode? function, RuleContext context)
    {
        var returnType = function switch
        {
            MethodDeclarationSyntax m => m.ReturnType,
            LocalFunctionStatementSyntax l => l.ReturnType,
            _ => null,
        };
        if (returnType is null)
        {
            return false;
        }

        var type = context.Model.GetTypeInfo(returnType, context.CancellationToken).Type;
        return type is not null && type.TypeKind != TypeKind.Error && IsAwaitable(type);
    }

    /// <summary>Task, ValueTask (generic or not) or anything with an instance GetAwaiter().</summary>
    internal static bool IsAwaitable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { } ns } && ns.ToDisplayString() == "System.Threading.Tasks")
        {
            return true;
        }

        return type.GetMembers("GetAwaiter").OfType<IMethodSymbol>().Any(static m => !m.IsStatic && m.Parameters.IsEmpty);
    }
}
