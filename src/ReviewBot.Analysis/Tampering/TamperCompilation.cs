using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Compilation;

namespace ReviewBot.Analysis.Tampering;

/// <summary>
/// All C# files of the source folder compiled together once, against the framework's reference assemblies (names from
/// packages the folder uses stay unresolved). A tamper replaces one tree in it; only the edited member is bound again,
/// and the tamper is kept when that member has no error it did not have before (so files that do not compile alone
/// are still usable: their existing errors are compared, not counted).
/// </summary>
internal sealed class TamperCompilation
{
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];
    private readonly Lock _gate = new();

    public TamperCompilation(IReadOnlyList<SourceFile> files, CancellationToken cancellationToken)
    {
        Trees = [.. files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text), ChangeCompiler.ParseOptions, f.Path, cancellationToken))];
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: true,
            concurrentBuild: false,
            nullableContextOptions: NullableContextOptions.Enable);
        Compilation = CSharpCompilation.Create("ReviewBot.Tampering", [.. Trees, ImplicitUsings.Create(ChangeCompiler.ParseOptions)], FrameworkReferences.All, options);
    }

    public IReadOnlyList<SyntaxTree> Trees { get; }

    public CSharpCompilation Compilation { get; }

    public SemanticModel ModelOf(SyntaxTree tree)
    {
        lock (_gate)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                model = Compilation.GetSemanticModel(tree);
                _models[tree] = model;
            }

            return model;
        }
    }

    /// <summary>
    /// Compiles <paramref name="tree"/> changed to <paramref name="newText"/>, where every edit lies inside
    /// <paramref name="member"/>: the new errors of that member (and new syntax errors anywhere in the file), and
    /// the semantic model of the changed tree.
    /// </summary>
    public (int NewErrors, SemanticModel Model) Check(SyntaxTree tree, SyntaxNode member, SourceText newText, CancellationToken cancellationToken)
    {
        var before = Errors(ModelOf(tree).GetDiagnostics(member.FullSpan, cancellationToken));
        var changed = tree.WithChangedText(newText);
        var model = Compilation.ReplaceSyntaxTree(tree, changed).GetSemanticModel(changed);
        var delta = newText.Length - tree.GetText(cancellationToken).Length;
        var span = TextSpan.FromBounds(member.FullSpan.Start, Math.Min(newText.Length, member.FullSpan.End + delta));
        var after = Errors(model.GetDiagnostics(span, cancellationToken));
        var syntaxBefore = tree.GetDiagnostics(cancellationToken).Count(static d => d.Severity == DiagnosticSeverity.Error);
        var syntaxAfter = changed.GetDiagnostics(cancellationToken).Count(static d => d.Severity == DiagnosticSeverity.Error);

        var added = Math.Max(0, syntaxAfter - syntaxBefore);
        foreach (var (id, count) in after)
        {
            added += Math.Max(0, count - before.GetValueOrDefault(id));
        }

        return (added, model);
    }

    private static Dictionary<string, int> Errors(IEnumerable<Diagnostic> diagnostics)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                counts[diagnostic.Id] = counts.GetValueOrDefault(diagnostic.Id) + 1;
            }
        }

        return counts;
    }
}
