using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.Analysis.Changes;

namespace ReviewBot.Analysis.Compilation;

/// <summary>
/// The changed C# files of one change, compiled together at head and (on demand) at base. Other files of the
/// repository are not part of it, so names they declare do not bind: every consumer tolerates error symbols.
/// </summary>
internal sealed class CompiledChange
{
    private readonly Dictionary<SyntaxTree, ChangedFile> _byTree = [];
    private readonly Lazy<CSharpCompilation?> _base;
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public CompiledChange(IReadOnlyList<ChangedFile> files, CSharpCompilation head, Func<CSharpCompilation?> createBase, IReadOnlyList<SkippedFile> skipped)
    {
        Files = files;
        Head = head;
        Skipped = skipped;
        _base = new Lazy<CSharpCompilation?>(createBase, LazyThreadSafetyMode.ExecutionAndPublication);
        foreach (var file in files)
        {
            if (file.HeadTree is not null)
            {
                _byTree[file.HeadTree] = file;
            }

            if (file.BaseTree is not null)
            {
                _byTree[file.BaseTree] = file;
            }
        }
    }

    public static CompiledChange Empty { get; } = new([], CSharpCompilation.Create("ReviewBot.Empty"), static () => null, []);

    /// <summary>The C# files compiled (not skipped), in diff order.</summary>
    public IReadOnlyList<ChangedFile> Files { get; }

    /// <summary>Files left out, and why.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    public CSharpCompilation Head { get; }

    /// <summary>The files that existed before the change, at base; null when none did. Built on first use.</summary>
    public CSharpCompilation? Base => _base.Value;

    /// <summary>
    /// One semantic model per tree, shared by every source: a model keeps what it bound, so the compiler's diagnostics,
    /// the rules and the resolution checks do not bind the same members again.
    /// </summary>
    public SemanticModel ModelOf(SyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var compilation = FileOf(tree) is { } file && tree == file.BaseTree ? Base! : Head;
        return _models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));
    }

    /// <summary>The changed file a head or base tree belongs to; null for ReviewBot's own helper trees.</summary>
    public ChangedFile? FileOf(SyntaxTree? tree) => tree is not null && _byTree.TryGetValue(tree, out var file) ? file : null;
}

/// <summary>A changed file that was not analysed.</summary>
internal sealed record SkippedFile(string Path, SkipReason Reason);
