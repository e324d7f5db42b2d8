using System.Security.Cryptography;
using System.Text;
using ReviewBot.Analysis.Changes;

namespace ReviewBot.Analysis.Tampering;

/// <summary>A C# file to tamper with: its path relative to the source folder (forward slashes) and its text.</summary>
public sealed record SourceFile(string Path, string Text);

/// <summary>Reads the C# files of a folder (a project, a repository's working tree), skipping build output and generated code.</summary>
public static class SourceFolder
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", "packages", "artifacts" };

    /// <summary>Every usable <c>.cs</c> file under <paramref name="directory"/>, ordered by path.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<SourceFile> Load(string directory, int maxFileBytes = 256 * 1024, FilePartition partition = FilePartition.All)
    {
        var root = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"source folder '{directory}' does not exist");
        }

        var files = new List<SourceFile>();
        foreach (var file in Enumerate(root))
        {
            var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            if (info.Length > maxFileBytes || FileFilter.IsGeneratedPath(relative) || !InPartition(relative, partition))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (FileFilter.CheckContent(text, maxFileBytes) is null)
            {
                files.Add(new SourceFile(relative, text));
            }
        }

        files.Sort(static (x, y) => string.CompareOrdinal(x.Path, y.Path));
        return files;
    }

    /// <summary>Splits files into two halves by a hash of their path, stable across machines and runs.</summary>
    public static bool InPartition(string relativePath, FilePartition partition)
    {
        if (partition == FilePartition.All)
        {
            return true;
        }

        var firstByte = SHA256.HashData(Encoding.UTF8.GetBytes(relativePath))[0];
        return (firstByte % 2 == 0) == (partition == FilePartition.Train);
    }

    private static IEnumerable<string> Enumerate(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.cs"))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = System.IO.Path.GetFileName(child);
            if (name.StartsWith('.') || SkippedDirectories.Contains(name) || new DirectoryInfo(child).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in Enumerate(child))
            {
                yield return file;
            }
        }
    }
}
