using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Async;

/// <summary>
/// RB0017: blocking on asynchronous work inside an async method: <c>task.Result</c>, <c>task.Wait()</c>,
/// <c>GetAwaiter().GetResult()</c>, <c>Task.WaitAll</c>, <c>Thread.Sleep</c>. The thread is held for the whole wait
/// (thread-pool starvation under load) and, with a synchronization context, it can deadlock. Only members of
/// Task/ValueTask (or Thread.Sleep) count, so a property that happens to be named Result does not.
/// </summary>
internal sealed class BlockingWaitRule : ICSharpRule
{
    public RuleInfo Info { get; } = new("RB0017", "Blocking wait in async method", FindingKind.Bug, 0.75);

    public void Analyze(RuleContext context)
    {
        foreach (var access in context.Root.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            var name = access.Name.Identifier.ValueText;
            if (name is not ("Result" or "Wait" or "GetResult" or "WaitAll" or "WaitAny" or "Sleep") || !RuleSyntax.IsAsync(RuleSyntax.EnclosingFunction(access)))
            {
                continue;
            }

            var symbol = context.Model.GetSymbolInfo(access, context.CancellationToken).Symbol;
            var owner = symbol?.ContainingType?.ToDisplayString() ?? "";
            var isTaskWait = owner.StartsWith("System.Threading.Tasks.Task", StringComparison.Ordinal) || owner.StartsWith("System.Threading.Tasks.ValueTask", StringComparison.Ordinal) ||
                             owner.StartsWith("System.Runtime.CompilerServices.TaskAwaiter", StringComparison.Ordinal) || owner.StartsWith("System.Runtime.CompilerServices.ValueTaskAwaiter", StringComparison.Ordinal);
            if (name == "Sleep" ? owner != "System.Threading.Thread" : !isTaskWait)
            {
                continue;
            }

            var what = name == "Sleep" ? "`Thread.Sleep`" : $"`.{name}`";
            var instead = name == "Sleep" ? "`await Task.Delay(…)`" : name is "WaitAll" or "WaitAny" ? "`await Task.WhenAll(…)` / `Task.WhenAny(…)`" : "`await`";
            context.Report(
                Info,
                access,
                $"{what} blocks the thread inside an async method: under load this starves the thread pool, and with a synchronization context it can deadlock. Use {instead} instead.",
                name == "Sleep" ? 0.7 : Info.Confidence);
        }
    }
}
