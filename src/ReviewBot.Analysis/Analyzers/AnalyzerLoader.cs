using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReviewBot.Analysis.Analyzers;

/// <summary>
/// Loads the bundled analyzer assemblies (one folder per package under <c>analyzers/</c>) with
/// <see cref="AnalyzerFileReference"/>, keeps the analyzers that report a rule of <see cref="AnalyzerCatalog"/>, and
/// caches them for the life of the process: loading takes a few hundred milliseconds and assemblies cannot be
/// unloaded from the default context anyway.
/// </summary>
internal static class AnalyzerLoader
{
    private static readonly ConcurrentDictionary<string, Lazy<AnalyzerSet>> Cache = new(StringComparer.Ordinal);

    /// <summary>Where the build copies the analyzers: <c>analyzers/</c> next to this assembly.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "analyzers");

    public static AnalyzerSet Load(string directory) =>
        Cache.GetOrAdd(Path.GetFullPath(directory), static d => new Lazy<AnalyzerSet>(() => LoadCore(d), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static AnalyzerSet LoadCore(string directory)
    {
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        var failures = new List<string>();
        if (!Directory.Exists(directory))
        {
            return new AnalyzerSet([], [$"analyzer folder '{directory}' does not exist"]);
        }

        var loader = new Loader();
        foreach (var path in Directory.EnumerateFiles(directory, "*.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.Message}");
            foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
            {
                if (analyzer.SupportedDiagnostics.Any(static d => AnalyzerCatalog.Entries.ContainsKey(d.Id)))
                {
                    analyzers.Add(analyzer);
                }
            }
        }

        return new AnalyzerSet(analyzers.ToImmutable(), failures);
    }

    /// <summary>One load context per package folder, so packages cannot clash; Roslyn and the BCL come from the host.</summary>
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly ConcurrentDictionary<string, FolderLoadContext> _contexts = new(StringComparer.Ordinal);

        public void AddDependencyLocation(string fullPath)
        {
            // Dependencies are found next to the analyzer by FolderLoadContext.
        }

        public Assembly LoadFromPath(string fullPath)
        {
            var folder = Path.GetDirectoryName(fullPath)!;
            return _contexts.GetOrAdd(folder, static f => new FolderLoadContext(f)).LoadFile(fullPath);
        }
    }

    private sealed class FolderLoadContext(string folder) : AssemblyLoadContext("ReviewBot.Analyzers." + Path.GetFileName(folder))
    {
        private readonly Lock _gate = new();

        public Assembly LoadFile(string path)
        {
            lock (_gate)
            {
                var name = AssemblyName.GetAssemblyName(path).Name;
                return Assemblies.FirstOrDefault(a => a.GetName().Name == name) ?? LoadFromAssemblyPath(path);
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Roslyn must come from the host, or the analyzers' types would not be the compiler's.
            if (assemblyName.Name is null or "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")
            {
                return null;
            }

            var candidate = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFile(candidate) : null;
        }
    }
}

/// <summary>The loaded analyzers, and what failed to load (reported once, never thrown).</summary>
internal sealed record AnalyzerSet(ImmutableArray<DiagnosticAnalyzer> Analyzers, IReadOnlyList<string> Failures);
