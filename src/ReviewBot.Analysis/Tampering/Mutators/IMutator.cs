using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ReviewBot.Analysis.Tampering.Mutators;

/// <summary>One way of inserting a bug at one place: the text edits (a Roslyn syntax rewrite, as text) and what it breaks.</summary>
/// <param name="Kind">The kind of bug.</param>
/// <param name="Changes">Non-overlapping edits of the original file, in order.</param>
/// <param name="Description">One line: what changed and what goes wrong.</param>
/// <param name="Gold">How a reviewer who found it would say it (the "gold" highlight's comment).</param>
/// <param name="IsDeletion">True when the edit only removes whole lines.</param>
internal sealed record MutationSite(MutationKind Kind, IReadOnlyList<TextChange> Changes, string Description, string Gold, bool IsDeletion = false);

/// <summary>What a mutator may look at to realise a site.</summary>
internal sealed class MutationScope(SemanticModel model, SourceText text, Random random, CancellationToken cancellationToken)
{
    public SemanticModel Model => model;

    public SourceText Text => text;

    /// <summary>Seeded per site, for choices among alternatives.</summary>
    public Random Random => random;

    public CancellationToken CancellationToken => cancellationToken;

    public ITypeSymbol? TypeOf(SyntaxNode expression) => model.GetTypeInfo(expression, cancellationToken).Type;

    public ISymbol? SymbolOf(SyntaxNode node) => model.GetSymbolInfo(node, cancellationToken).Symbol;
}

/// <summary>
/// Inserts one kind of bug. <see cref="IsCandidate"/> is a cheap syntax test used to list sites across a whole source
/// tree; <see cref="Realize"/> uses the semantic model and yields the edits to try, best first (the generator keeps the
/// first that still compiles).
/// </summary>
internal interface IMutator
{
    MutationKind Kind { get; }

    bool IsCandidate(SyntaxNode node);

    IEnumerable<MutationSite> Realize(SyntaxNode node, MutationScope scope);
}
