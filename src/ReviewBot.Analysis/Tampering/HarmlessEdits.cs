using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Tampering.Mutators;

namespace ReviewBot.Analysis.Tampering;

/// <summary>An edit that leaves behaviour alone: what it did, and its text edits.</summary>
internal sealed record HarmlessEdit(string Description, IReadOnlyList<TextChange> Changes);

/// <summary>
/// Edits a pull request makes around a change without changing what the code does: a renamed local, an explanatory
/// comment line, a <c>var</c> spelled out as its type. They make a tamper look like a real change and are the whole
/// of a control.
/// </summary>
internal static class HarmlessEdits
{
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["result"] = "outcome", ["results"] = "outcomes", ["count"] = "total", ["index"] = "position", ["item"] = "entry", ["items"] = "entries",
        ["value"] = "current", ["values"] = "currentValues", ["text"] = "content", ["line"] = "row", ["lines"] = "rows", ["list"] = "collected",
        ["name"] = "label", ["path"] = "location", ["file"] = "document", ["files"] = "documents", ["builder"] = "sb", ["sb"] = "builder",
        ["options"] = "settings", ["settings"] = "configured", ["response"] = "reply", ["request"] = "call", ["buffer"] = "chunk",
        ["start"] = "begin", ["end"] = "finish", ["key"] = "id", ["map"] = "lookup", ["entry"] = "record", ["error"] = "failure",
        ["message"] = "note", ["output"] = "written", ["input"] = "source", ["data"] = "payload", ["length"] = "size", ["size"] = "length",
    };

    /// <summary>
    /// Candidate harmless edits in <paramref name="member"/>, in a seeded random order, none touching <paramref name="avoid"/>
    /// (the tampered code) nor renaming a name used there or in <paramref name="keepNames"/> (names the tamper's
    /// description mentions).
    /// </summary>
    public static List<HarmlessEdit> Candidates(
        SyntaxNode member, SemanticModel model, SourceText text, TextSpan avoid, IReadOnlySet<string> keepNames, Random random, CancellationToken cancellationToken)
    {
        var avoidNames = new HashSet<string>(keepNames, StringComparer.Ordinal);
        foreach (var token in member.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Span.IntersectsWith(avoid)))
        {
            avoidNames.Add(token.ValueText);
        }

        var edits = new List<HarmlessEdit>();
        edits.AddRange(Comments(member, text, avoid, random));
        edits.AddRange(Renames(member, model, avoid, avoidNames, cancellationToken));
        edits.AddRange(ExplicitTypes(member, model, avoid, cancellationToken));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(edits));
        return edits;
    }

    private static IEnumerable<HarmlessEdit> Comments(SyntaxNode member, SourceText text, TextSpan avoid, Random random)
    {
        var statements = member.DescendantNodes().OfType<StatementSyntax>()
            .Where(s => s.Parent is BlockSyntax && s is not BlockSyntax && MutatorSyntax.StartsLine(s, text) && !s.Span.IntersectsWith(avoid))
            .ToList();
        if (statements.Count == 0)
        {
            yield break;
        }

        // Two places at most: each candidate is checked by compiling, so keep the list short.
        for (var i = 0; i < Math.Min(2, statements.Count); i++)
        {
            var statement = statements[random.Next(statements.Count)];
            var comment = CommentFor(statement);
            var line = text.Lines.GetLineFromPosition(statement.SpanStart);
            var indent = MutatorSyntax.IndentAt(text, statement.SpanStart);
            yield return new HarmlessEdit($"added a comment: {comment}", [new TextChange(new TextSpan(line.Start, 0), $"{indent}{comment}\n")]);
        }
    }

    private static string CommentFor(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax local => $"// {local.Declaration.Variables[0].Identifier.ValueText} is used below.",
        ReturnStatementSyntax => "// Hand the result back to the caller.",
        IfStatementSyntax => "// Handle the special case first.",
        ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "// Go through each item in turn.",
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } when RuleNames.Of(call) is { } name => $"// Call {name}.",
        ExpressionStatementSyntax { Expression: AwaitExpressionSyntax } => "// Wait for this to finish before going on.",
        ThrowStatementSyntax => "// Nothing sensible can be done here.",
        _ => "// See the summary above.",
    };

    private static IEnumerable<HarmlessEdit> Renames(SyntaxNode member, SemanticModel model, TextSpan avoid, HashSet<string> avoidNames, CancellationToken cancellationToken)
    {
        var used = member.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText).ToHashSet(StringComparer.Ordinal);
        var declared = member.DescendantNodes()
            .Select(n => n switch
            {
                VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } v => (Token: v.Identifier, Node: (SyntaxNode)v),
                ForEachStatementSyntax f => (f.Identifier, f),
                _ => default,
            })
            .Where(static d => d.Node is not null)
            .Take(6);
        foreach (var (token, node) in declared)
        {
            var name = token.ValueText;
            if (avoidNames.Contains(name) || name.StartsWith('_') || model.GetDeclaredSymbol(node, cancellationToken) is not ILocalSymbol local)
            {
                continue;
            }

            var renamed = Synonyms.TryGetValue(name, out var synonym) ? synonym : name + "Value";
            if (used.Contains(renamed) || SyntaxFacts.GetKeywordKind(renamed) != SyntaxKind.None)
            {
                continue;
            }

            var changes = new List<TextChange> { new(token.Span, renamed) };
            foreach (var reference in member.DescendantNodes().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == name))
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(reference, cancellationToken).Symbol, local))
                {
                    changes.Add(new TextChange(reference.Identifier.Span, renamed));
                }
            }

            if (changes.Any(c => c.Span.IntersectsWith(avoid)))
            {
                continue;
            }

            changes.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
            yield return new HarmlessEdit($"renamed local {name} to {renamed}", changes);
        }
    }

    private static IEnumerable<HarmlessEdit> ExplicitTypes(SyntaxNode member, SemanticModel model, TextSpan avoid, CancellationToken cancellationToken)
    {
        foreach (var local in member.DescendantNodes().OfType<LocalDeclarationStatementSyntax>().Take(8))
        {
            if (!local.Declaration.Type.IsVar || local.Declaration.Variables.Count != 1 || local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) ||
                local.Span.IntersectsWith(avoid) || local.Declaration.Variables[0].Initializer is null)
            {
                continue;
            }

            var type = model.GetTypeInfo(local.Declaration.Type, cancellationToken).Type;
            if (type is null || !MutatorSyntax.IsUsable(type) || type.ContainsAnonymousType())
            {
                continue;
            }

            // `var` is always nullable for reference types; spell out what the initializer gives (`string`, not `string?`).
            var initializer = model.GetTypeInfo(local.Declaration.Variables[0].Initializer!.Value, cancellationToken);
            if (type.IsReferenceType && initializer.Nullability.FlowState == NullableFlowState.NotNull)
            {
                type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
            }

            var display = type.ToMinimalDisplayString(model, local.SpanStart, SymbolDisplayFormat.MinimallyQualifiedFormat);
            yield return new HarmlessEdit($"spelled out the type of {local.Declaration.Variables[0].Identifier.ValueText} ({display})", [new TextChange(local.Declaration.Type.Span, display)]);
        }
    }

    private static bool ContainsAnonymousType(this ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(static t => t.ContainsAnonymousType()),
        IArrayTypeSymbol array => array.ElementType.ContainsAnonymousType(),
        _ => false,
    };
}
