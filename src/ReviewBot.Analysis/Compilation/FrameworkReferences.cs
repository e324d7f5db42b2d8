using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ReviewBot.Analysis.Compilation;

/// <summary>
/// The metadata references every compilation of a change uses: the assemblies of the running runtime's shared
/// frameworks, taken from <c>TRUSTED_PLATFORM_ASSEMBLIES</c> (so a runtime-only container works; the SDK's reference
/// packs exist only where the SDK is installed), plus ASP.NET Core's shared framework when it is installed next to it.
/// Loaded once per process.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static ImmutableArray<MetadataReference> All => Loaded.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = FindAssemblies();
        var references = ImmutableArray.CreateBuilder<MetadataReference>(paths.Count);
        foreach (var path in paths)
        {
            try
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                // A native or unreadable file among the platform assemblies is not a reference; leave it out.
            }
        }

        return references.ToImmutable();
    }

    internal static List<string> FindAssemblies()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        var sharedRoot = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory)) ?? runtimeDirectory;
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in trusted)
        {
            // Only the frameworks: the host's own dependencies (ReviewBot, test runners) are not what reviewed code builds against.
            var directory = Path.GetDirectoryName(path) ?? "";
            var isFramework = string.Equals(directory, runtimeDirectory, StringComparison.Ordinal) ||
                              directory.StartsWith(sharedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            var name = Path.GetFileNameWithoutExtension(path);
            if (isFramework && !name.StartsWith("ReviewBot", StringComparison.OrdinalIgnoreCase))
            {
                byName.TryAdd(name, path);
            }
        }

        foreach (var path in AspNetCoreAssemblies(sharedRoot))
        {
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return [.. byName.Values.Order(StringComparer.Ordinal)];
    }

    private static string[] AspNetCoreAssemblies(string sharedRoot)
    {
        var root = Path.Combine(sharedRoot, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(root))
        {
            return [];
        }

        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        var newest = Directory.GetDirectories(root)
            .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
            .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version())
            .LastOrDefault();
        return newest is null ? [] : Directory.GetFiles(newest, "*.dll");
    }
}
