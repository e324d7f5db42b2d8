using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Rules.Logic;

/// <summary>
/// RB0013: a <c>foreach</c> over a <c>List</c>, <c>HashSet</c>, <c>Dictionary</c> (or similar) that adds to or
/// removes from that same collection inside the loop; the enumerator throws InvalidOperationException on the next
/// step. A change immediately followed by <c>break</c>/<c>return</c>/<c>throw</c> is fine. Dictionary removal is
/// allowed during enumeration since .NET Core 3.0, so only additions to a dictionary count.
/// </summary>
internal sealed class CollectionModifiedRule : ICSharpRule
{
    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "Enqueue", "Dequeue", "Push", "Pop", "Sort", "Reverse", "AddFirst", "AddLast", "RemoveFirst", "RemoveLast", "TryAdd", "UnionWith", "ExceptWith",
    };

    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal)
    {
        "List", "HashSet", "SortedSet", "Dictionary", "SortedDictionary", "SortedList", "Queue", "Stack", "LinkedList",
    };

    public RuleInfo Info { get; } = new("RB0013", "Collection modified while enumerating", FindingKind.Bug, 0.85);

    public void Analyze(RuleContext context)
    {
        foreach (var loop in context.Root.DescendantNodes().OfType<ForEachStatementSyntax>())
        {
            if (!RuleSyntax.IsPure(loop.Expression) || !RuleSyntax.MentionsName(loop.Expression) ||
                context.Model.GetTypeInfo(loop.Expression, context.CancellationToken).Type is not INamedTypeSymbol type ||
                !Collections.Contains(type.Name) || type.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic")
            {
                continue;
            }

            var isDictionary = type.Name.Contains("Dictionary", StringComparison.Ordinal) || type.Name == "SortedList";
            foreach (var call in loop.Statement.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is not MemberAccessExpressionSyntax access || !Mutators.Contains(access.Name.Identifier.ValueText) ||
                    (isDictionary && access.Name.Identifier.ValueText is not ("Add" or "TryAdd")) ||
                    !SyntaxFactory.AreEquivalent(access.Expression, loop.Expression, topLevel: false) || LeavesRightAfter(call) ||
                    call.Ancestors().TakeWhile(a => a != loop).Any(static a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                {
                    continue;
                }

                var collection = RuleSyntax.Shorten(loop.Expression.ToString(), 40);
                context.Report(
                    Info,
                    call,
                    $"`{collection}.{access.Name.Identifier.ValueText}(…)` changes `{collection}` while the `foreach` above is enumerating it; the next iteration throws InvalidOperationException. Iterate over a copy (`{collection}.ToList()`), or collect the changes and apply them after the loop.");
                break;
            }
        }
    }

    private static bool LeavesRightAfter(InvocationExpressionSyntax call)
    {
        var statement = call.FirstAncestorOrSelf<StatementSyntax>();
        if (statement is ReturnStatementSyntax or ThrowStatementSyntax)
        {
            return true;
        }

        return statement?.Parent is BlockSyntax block && block.Statements.IndexOf(statement) is var i && i + 1 < block.Statements.Count &&
               RuleSyntax.IsExit(block.Statements[i + 1]) && block.Statements[i + 1] is not ContinueStatementSyntax;
    }
}
