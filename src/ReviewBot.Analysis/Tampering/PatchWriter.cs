using System.Globalization;
using System.Text;

namespace ReviewBot.Analysis.Tampering;

/// <summary>
/// Writes the git-style unified diff of one file (<c>diff --git</c> header, three lines of context, hunks merged when
/// their context touches, <c>\ No newline at end of file</c> where git writes it): the patch a pull request shows.
/// </summary>
public static class PatchWriter
{
    /// <summary>Above this many line pairs in the part that differs, the diff is written as a block replacement.</summary>
    private const long MaxLcsCells = 4_000_000;

    public static string Write(string path, string before, string after, int context = 3)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (a, aNoEol) = Split(before);
        var (b, bNoEol) = Split(after);
        var script = Script(Keys(a, aNoEol), Keys(b, bNoEol));
        var text = new StringBuilder();
        text.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        text.Append("--- a/").Append(path).Append('\n');
        text.Append("+++ b/").Append(path).Append('\n');

        var changed = new List<int>();
        for (var i = 0; i < script.Count; i++)
        {
            if (script[i].Op != ' ')
            {
                changed.Add(i);
            }
        }

        var next = 0;
        while (next < changed.Count)
        {
            var start = Math.Max(0, changed[next] - context);
            var end = Math.Min(script.Count - 1, changed[next] + context);
            while (next + 1 < changed.Count && changed[next + 1] - context <= end + 1)
            {
                next++;
                end = Math.Min(script.Count - 1, changed[next] + context);
            }

            WriteHunk(text, script, start, end, a, b, aNoEol, bNoEol);
            next++;
        }

        return text.ToString();
    }

    /// <summary>
    /// The new-side lines (1-based) that <paramref name="after"/> adds, and for each run of deleted lines the new-side
    /// lines just before and after it (a deletion has no line of its own to comment on).
    /// </summary>
    public static (SortedSet<int> Added, SortedSet<int> AroundDeletions) ChangedLines(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (a, aNoEol) = Split(before);
        var (b, bNoEol) = Split(after);
        var script = Script(Keys(a, aNoEol), Keys(b, bNoEol));
        var added = new SortedSet<int>();
        var around = new SortedSet<int>();
        var lastNew = -1;
        var inDeletion = false;
        foreach (var (op, _, y) in script)
        {
            if (op == '-')
            {
                if (!inDeletion && lastNew >= 0)
                {
                    around.Add(lastNew + 1);
                }

                inDeletion = true;
                continue;
            }

            if (inDeletion)
            {
                around.Add(y + 1);
                inDeletion = false;
            }

            if (op == '+')
            {
                added.Add(y + 1);
            }

            lastNew = y;
        }

        return (added, around);
    }

    private static void WriteHunk(StringBuilder text, List<(char Op, int A, int B)> script, int start, int end, List<string> a, List<string> b, bool aNoEol, bool bNoEol)
    {
        int oldStart = 0, newStart = 0, oldCount = 0, newCount = 0;
        for (var i = start; i <= end; i++)
        {
            var (op, x, y) = script[i];
            if (op != '+')
            {
                oldStart = oldCount++ == 0 ? x + 1 : oldStart;
            }

            if (op != '-')
            {
                newStart = newCount++ == 0 ? y + 1 : newStart;
            }
        }

        // An empty side is numbered by the line before it, as git does.
        if (oldCount == 0)
        {
            oldStart = script.Take(start).Count(static s => s.Op != '+');
        }

        if (newCount == 0)
        {
            newStart = script.Take(start).Count(static s => s.Op != '-');
        }

        text.Append(CultureInfo.InvariantCulture, $"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n");
        for (var i = start; i <= end; i++)
        {
            var (op, x, y) = script[i];
            var line = op == '+' ? b[y] : a[x];
            text.Append(op).Append(line).Append('\n');
            var lastOld = op != '+' && x == a.Count - 1 && aNoEol;
            var lastNew = op != '-' && y == b.Count - 1 && bNoEol;
            if (lastOld || lastNew)
            {
                text.Append("\\ No newline at end of file\n");
            }
        }
    }

    private static (List<string> Lines, bool NoEol) Split(string content)
    {
        var lines = content.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        var noEol = content.Length > 0 && !content.EndsWith('\n');
        if (!noEol)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return (lines, noEol);
    }

    // The last line of a side without a final newline differs from the same text with one.
    private static string[] Keys(List<string> lines, bool noEol) =>
        [.. lines.Select((l, i) => noEol && i == lines.Count - 1 ? l + "\n\\" : l)];

    /// <summary>An edit script (' ' keep, '-' delete, '+' insert) from the longest common subsequence, after trimming the common ends.</summary>
    private static List<(char Op, int A, int B)> Script(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        var script = new List<(char, int, int)>(a.Length + b.Length);
        for (var i = 0; i < prefix; i++)
        {
            script.Add((' ', i, i));
        }

        int n = a.Length - prefix - suffix, m = b.Length - prefix - suffix;
        if ((long)n * m > MaxLcsCells)
        {
            for (var i = 0; i < n; i++)
            {
                script.Add(('-', prefix + i, -1));
            }

            for (var j = 0; j < m; j++)
            {
                script.Add(('+', -1, prefix + j));
            }
        }
        else
        {
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    script.Add((' ', prefix + x++, prefix + y++));
                }
                else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    script.Add(('-', prefix + x++, -1));
                }
                else
                {
                    script.Add(('+', -1, prefix + y++));
                }
            }
        }

        for (var i = suffix; i > 0; i--)
        {
            script.Add((' ', a.Length - i, b.Length - i));
        }

        return script;
    }
}
