using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static ReviewBot.Analysis.Tampering.Mutators.MutatorSyntax;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>Two positional arguments of the same type swapped (never for symmetric calls such as <c>Math.Max</c>).</summary>
internal sealed class SwappedArgumentsMutator : IMutator
{
    private static readonly HashSet<string> Symmetric = new(StringComparer.Ordinal)
    {
        "Max", "Min", "MaxBy", "MinBy", "Equals", "ReferenceEquals", "Combine", "Intersect", "Union", "SequenceEqual", "AreEquivalent", "Hypot",
    };

    public MutationKind Kind => MutationKind.SwappedArguments;

    public bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: >= 2 } or BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: >= 2 };

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var arguments = node switch
        {
            InvocationExpressionSyntax i => i.ArgumentList.Arguments,
            BaseObjectCreationExpressionSyntax c => c.ArgumentList!.Arguments,
            _ => default,
        };
        if (scope.SymbolOf(node) is not IMethodSymbol method || Symmetric.Contains(method.Name))
        {
            yield break;
        }

        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < arguments.Count; i++)
        {
            for (var j = i + 1; j < arguments.Count; j++)
            {
                if (IsSwappable(arguments[i], i, method, scope) && IsSwappable(arguments[j], j, method, scope) &&
                    SymbolEqualityComparer.Default.Equals(scope.TypeOf(arguments[i].Expression), scope.TypeOf(arguments[j].Expression)) &&
                    !SyntaxFactory.AreEquivalent(arguments[i].Expression, arguments[j].Expression))
                {
                    pairs.Add((i, j));
                }
            }
        }

        scope.Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pairs));
        foreach (var (i, j) in pairs.Take(2))
        {
            var (a, b) = (arguments[i].Expression, arguments[j].Expression);
            var (pa, pb) = (method.Parameters[i].Name, method.Parameters[j].Name);
            yield return new MutationSite(
                Kind,
                [new TextChange(a.Span, b.ToString()), new TextChange(b.Span, a.ToString())],
                $"arguments `{Short(a, 30)}` and `{Short(b, 30)}` of `{method.Name}` swapped: `{pa}` now receives `{Short(b, 30)}` and `{pb}` receives `{Short(a, 30)}`",
                $"The arguments of `{method.Name}` are in the wrong order: `{Short(b, 30)}` is passed as `{pa}` and `{Short(a, 30)}` as `{pb}`.");
        }
    }

    private static bool IsSwappable(ArgumentSyntax argument, int index, IMethodSymbol method, MutationScope scope) =>
        argument.NameColon is null && argument.RefKindKeyword.IsKind(SyntaxKind.None) && index < method.Parameters.Length &&
        !method.Parameters[index].IsParams && argument.Expression is not LambdaExpressionSyntax and not AnonymousMethodExpressionSyntax &&
        IsUsable(scope.TypeOf(argument.Expression));
}

/// <summary><c>await x</c> → <c>x</c> (dropping <c>ConfigureAwait</c> with it).</summary>
internal sealed class DroppedAwaitMutator : IMutator
{
    public MutationKind Kind => MutationKind.DroppedAwait;

    public bool IsCandidate(SyntaxNode node) =>
        node is AwaitExpressionSyntax && node.Parent is ExpressionStatementSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax;

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var expression = ((AwaitExpressionSyntax)node).Expression;
        var task = expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access, ArgumentList.Arguments.Count: 1 }
            ? access.Expression
            : expression;
        yield return new MutationSite(
            Kind,
            [new TextChange(node.Span, task.ToString())],
            $"`await` dropped before `{Short(task)}`: the task is no longer awaited, so what follows runs before it finishes and its exceptions are lost",
            $"`{Short(task)}` is not awaited: the method goes on before it completes, and any exception it throws is never observed. Add `await`.");
    }
}

/// <summary>An ordinal string comparison made culture-sensitive.</summary>
internal sealed class CultureComparisonMutator : IMutator
{
    private static readonly HashSet<string> CultureByDefault = new(StringComparer.Ordinal) { "StartsWith", "EndsWith", "IndexOf", "LastIndexOf", "Compare" };

    public MutationKind Kind => MutationKind.CultureComparison;

    public bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax invocation &&
        invocation.ArgumentList.Arguments.Any(static a => a.Expression is MemberAccessExpressionSyntax
        {
            Expression: IdentifierNameSyntax { Identifier.ValueText: "StringComparison" or "StringComparer" },
            Name.Identifier.ValueText: "Ordinal" or "OrdinalIgnoreCase",
        });

    public IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope)
    {
        var invocation = (InvocationExpressionSyntax)node;
        if (scope.SymbolOf(invocation) is not IMethodSymbol method)
        {
            yield break;
        }

        var arguments = invocation.ArgumentList.Arguments;
        for (var index = 0; index < arguments.Count; index++)
        {
            if (arguments[index].Expression is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner } access ||
                access.Name.Identifier.ValueText is not ("Ordinal" or "OrdinalIgnoreCase"))
            {
                continue;
            }

            var ignoreCase = access.Name.Identifier.ValueText == "OrdinalIgnoreCase";
            var before = Short(invocation);
            if (owner.Identifier.ValueText == "StringComparer")
            {
                var replacement = ignoreCase ? "StringComparer.CurrentCultureIgnoreCase" : "StringComparer.CurrentCulture";
                yield return Site(access.Span, replacement, before, $"`{access}` replaced by `{replacement}`");
                continue;
            }

            var isString = method.ContainingType.SpecialType == SpecialType.System_String;
            var firstIsString = arguments.Count > 1 && scope.TypeOf(arguments[0].Expression)?.SpecialType == SpecialType.System_String;
            if (isString && CultureByDefault.Contains(method.Name) && firstIsString && !ignoreCase && index > 0)
            {
                // Drop ", StringComparison.Ordinal": the overload without it compares by the current culture.
                yield return Site(TextSpan.FromBounds(arguments[index - 1].Span.End, arguments[index].Span.End), "", before, "`StringComparison.Ordinal` dropped");
            }
            else if (isString && method.Name == "Equals" && ignoreCase && Operands(invocation, arguments, index) is var (left, right))
            {
                var replacement = $"{Operand(left)}.ToLower() == {Operand(right)}.ToLower()";
                yield return Site(invocation.Span, replacement, before, $"`{before}` became `{Short(replacement)}`");
            }
            else if (isString && ignoreCase && method.Name != "Equals")
            {
                yield return Site(access.Span, "StringComparison.CurrentCultureIgnoreCase", before, "`StringComparison.OrdinalIgnoreCase` became `StringComparison.CurrentCultureIgnoreCase`");
            }
        }
    }

    private static (ExpressionSyntax Left, ExpressionSyntax Right)? Operands(InvocationExpressionSyntax invocation, SeparatedSyntaxList<ArgumentSyntax> arguments, int comparison) =>
        (invocation.Expression, arguments.Count, comparison) switch
        {
            (MemberAccessExpressionSyntax { Expression: PredefinedTypeSyntax or IdentifierNameSyntax { Identifier.ValueText: "String" } }, 3, 2) => (arguments[0].Expression, arguments[1].Expression),
            (MemberAccessExpressionSyntax access, 2, 1) when access.Expression is not PredefinedTypeSyntax => (access.Expression, arguments[0].Expression),
            _ => null,
        };

    private MutationSite Site(TextSpan span, string replacement, string call, string what) => new(
        Kind,
        [new TextChange(span, replacement)],
        $"{what} in `{call}`: the comparison now depends on the current culture (results change with the machine's locale, e.g. Turkish I)",
        $"This comparison is culture-sensitive now: identifiers, paths and keys compare differently depending on the machine's locale (e.g. Turkish dotless i). Compare ordinally (`StringComparison.Ordinal`).");
}
