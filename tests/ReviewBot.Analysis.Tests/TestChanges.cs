using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests;

/// <summary>
/// Builds changes the way git would show them: a unified diff (made here with a plain LCS line diff and parsed by
/// ReviewBot's own parser), with or without the whole files behind it.
/// </summary>
internal static class TestChanges
{
    /// <summary>A new file: the diff holds all of it.</summary>
    public static ChangeContext Added(string path, string content) =>
        new() { Diff = Parse(UnifiedDiff(path, null, content, 3)) };

    /// <summary>A modified file; with <paramref name="withFiles"/> the whole files are available, otherwise only the diff.</summary>
    public static ChangeContext Modified(string path, string before, string after, bool withFiles = true, int context = 3) => new()
    {
        Diff = Parse(UnifiedDiff(path, before, after, context)),
        Files = withFiles ? new MemoryFileSource(new() { [path] = after }, new() { [path] = before }) : EmptyFileSource.Instance,
    };

    public static UnifiedDiff Parse(string patch)
    {
        var result = UnifiedDiffParser.Parse(patch);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Diff!;
    }

    public static ChangeCompiler Compiler(AnalysisOptions? options = null) =>
        new(Options.Create(options ?? new AnalysisOptions()), NullLogger<ChangeCompiler>.Instance);

    /// <summary>A git-style unified diff of one file; null content means the file does not exist on that side.</summary>
    public static string UnifiedDiff(string path, string? before, string? after, int context)
    {
        var oldLines = Lines(before);
        var newLines = Lines(after);
        var script = Script(oldLines, newLines);
        var text = new System.Text.StringBuilder();
        text.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        if (before is null)
        {
            text.Append("new file mode 100644\n--- /dev/null\n");
        }
        else
        {
            text.Append("--- a/").Append(path).Append('\n');
        }

        text.Append(after is null ? "+++ /dev/null\n" : $"+++ b/{path}\n");
        var changed = script.Select((op, i) => (op, i)).Where(static x => x.op.Kind != ' ').Select(static x => x.i).ToList();
        var index = 0;
        while (index < changed.Count)
        {
            var start = Math.Max(0, changed[index] - context);
            var end = Math.Min(script.Count - 1, changed[index] + context);
            while (index + 1 < changed.Count && changed[index + 1] - context <= end + 1)
            {
                index++;
                end = Math.Min(script.Count - 1, changed[index] + context);
            }

            var slice = script.GetRange(start, end - start + 1);
            var oldStart = script.Take(start).Count(static o => o.Kind != '+') + 1;
            var newStart = script.Take(start).Count(static o => o.Kind != '-') + 1;
            var oldCount = slice.Count(static o => o.Kind != '+');
            var newCount = slice.Count(static o => o.Kind != '-');
            text.Append($"@@ -{(oldCount == 0 ? oldStart - 1 : oldStart)},{oldCount} +{(newCount == 0 ? newStart - 1 : newStart)},{newCount} @@\n");
            foreach (var (kind, line) in slice)
            {
                text.Append(kind).Append(line).Append('\n');
            }

            index++;
        }

        return text.ToString();
    }

    private static List<string> Lines(string? content) =>
        content is null ? [] : [.. content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')];

    /// <summary>An edit script from the longest common subsequence of the two line lists.</summary>
    private static List<(char Kind, string Line)> Script(List<string> a, List<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var script = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && a[x] == b[y])
            {
                script.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Count && (x == a.Count || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                script.Add(('+', b[y++]));
            }
            else
            {
                script.Add(('-', a[x++]));
            }
        }

        return script;
    }
}

/// <summary>Whole files on both sides of a change, held in memory.</summary>
internal sealed class MemoryFileSource(Dictionary<string, string> newFiles, Dictionary<string, string> oldFiles) : IFileSource
{
    public ValueTask<string?> GetNewContentAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult(newFiles.GetValueOrDefault(path));

    public ValueTask<string?> GetOldContentAsync(string path, CancellationToken cancellationToken) => ValueTask.FromResult(oldFiles.GetValueOrDefault(path));
}
