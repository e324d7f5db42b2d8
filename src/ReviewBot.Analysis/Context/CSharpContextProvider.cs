using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ReviewBot.Analysis.Changes;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Context;

/// <summary>
/// C# context for a change: for each hunk of a changed <c>.cs</c> file, the members that enclose its lines (method,
/// constructor, property, …), or the declaration header of the type when a line lies outside any member. Each
/// snippet is the exact head text of whole lines. Snippets touching added lines come first when the budget is
/// short; a snippet that does not fit is left out whole (never cut), and the rest are returned in file order.
/// </summary>
internal sealed class CSharpContextProvider(ChangeCompiler compiler) : ICodeContextProvider
{
    public async Task<IReadOnlyList<CodeContextSnippet>> GetSnippetsAsync(ChangeContext context, int maxCharacters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (maxCharacters <= 0)
        {
            return [];
        }

        var change = await compiler.CompileAsync(context, cancellationToken).ConfigureAwait(false);
        var candidates = new List<Candidate>();
        for (var i = 0; i < change.Files.Count; i++)
        {
            candidates.AddRange(Collect(change.Files[i], i, candidates.Count, cancellationToken));
        }

        var chosen = new List<Candidate>();
        var budget = maxCharacters;
        foreach (var candidate in candidates.OrderByDescending(static c => c.TouchesAdded).ThenBy(static c => c.Order))
        {
            if (candidate.Snippet.Text.Length <= budget)
            {
                chosen.Add(candidate);
                budget -= candidate.Snippet.Text.Length;
            }
        }

        return [.. chosen.OrderBy(static c => c.FileIndex).ThenBy(static c => c.Snippet.StartLine).Select(static c => c.Snippet)];
    }

    private static List<Candidate> Collect(ChangedFile file, int fileIndex, int order, CancellationToken cancellationToken)
    {
        var found = new List<Candidate>();
        if (file.HeadTree is null)
        {
            return found;
        }

        var root = file.HeadTree.GetRoot(cancellationToken);
        var seen = new HashSet<SyntaxNode>();
        foreach (var line in file.Diff.NewSideLines)
        {
            var index = file.Head.IndexOfFileLine(line.NewLine);
            if (index < 0 || string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            var textLine = file.Head.Source.Lines[index];
            var offset = line.Text.Length - line.Text.TrimStart().Length;
            var token = root.FindToken(Math.Min(textLine.Start + offset, Math.Max(0, root.FullSpan.End - 1)));
            if (Enclosing(token) is not { } node || !seen.Add(node) || ToSnippet(file, node) is not { } snippet)
            {
                continue;
            }

            found.Add(new Candidate(snippet, file.TouchesAddedLine(file.Head.IndexOfFileLine(snippet.StartLine), file.Head.IndexOfFileLine(snippet.EndLine)), fileIndex, order + found.Count));
        }

        return found;
    }

    /// <summary>The outermost member of a type around <paramref name="token"/>, or the innermost type when outside members.</summary>
    private static SyntaxNode? Enclosing(SyntaxToken token)
    {
        SyntaxNode? member = null;
        foreach (var ancestor in token.Parent?.AncestorsAndSelf() ?? [])
        {
            if (ancestor is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax && ancestor.Parent is BaseTypeDeclarationSyntax)
            {
                member = ancestor;
            }
            else if (ancestor is BaseTypeDeclarationSyntax type)
            {
                return member ?? type;
            }
        }

        return member;
    }

    private static CodeContextSnippet? ToSnippet(ChangedFile file, SyntaxNode node)
    {
        var lines = file.Head.Source.Lines;
        var first = lines.GetLineFromPosition(node.SpanStart).LineNumber;
        var last = node switch
        {
            BaseTypeDeclarationSyntax { OpenBraceToken.IsMissing: false } type when type.OpenBraceToken.Span.Length > 0 => lines.GetLineFromPosition(type.OpenBraceToken.SpanStart).LineNumber,
            _ => lines.GetLineFromPosition(Math.Max(node.SpanStart, node.Span.End - 1)).LineNumber,
        };
        if (!file.Head.IsContiguous(first, last))
        {
            // Part of it lies outside the hunks shown: the text would not be what stands at head.
            return null;
        }

        var text = string.Join('\n', Enumerable.Range(first, last - first + 1).Select(file.Head.LineText));
        return new CodeContextSnippet(file.Path, file.Head.FileLineOf(first), file.Head.FileLineOf(last), MemberLabel.For(node), text);
    }

    private sealed record Candidate(CodeContextSnippet Snippet, bool TouchesAdded, int FileIndex, int Order);
}
