namespace ReviewBot.Core.Diffs;

/// <summary>
/// Which lines of a newer version of a file are not in an older one: the complement of a longest common subsequence
/// found with Myers' O((N+M)·D) algorithm. Used to review only what changed since the last reviewed commit, and to
/// tell whether flagged code changed before a merge.
/// </summary>
public static class LineDiff
{
    /// <summary>
    /// The 1-based numbers of the lines of <paramref name="newer"/> that <paramref name="older"/> does not have, or null
    /// when the two differ by more than <paramref name="maxEdits"/> lines (callers then treat every line as changed).
    /// </summary>
    public static IReadOnlySet<int>? AddedLines(IReadOnlyList<string> older, IReadOnlyList<string> newer, int maxEdits = 4000)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);

        // Common prefix and suffix cost nothing and are the whole story for most pushes.
        var prefix = 0;
        while (prefix < older.Count && prefix < newer.Count && older[prefix] == newer[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < older.Count - prefix && suffix < newer.Count - prefix && older[older.Count - 1 - suffix] == newer[newer.Count - 1 - suffix])
        {
            suffix++;
        }

        var a = Slice(older, prefix, older.Count - prefix - suffix);
        var b = Slice(newer, prefix, newer.Count - prefix - suffix);
        var kept = CommonNewIndexes(a, b, maxEdits);
        if (kept is null)
        {
            return null;
        }

        var added = new HashSet<int>();
        for (var j = 0; j < b.Length; j++)
        {
            if (!kept.Contains(j))
            {
                added.Add(prefix + j + 1);
            }
        }

        return added;
    }

    /// <summary>Splits file content into lines the way the diff parser does (LF or CRLF, no trailing empty line).</summary>
    public static IReadOnlyList<string> Lines(string? content) => content is null ? [] : DiffText.SplitLines(content);

    private static string[] Slice(IReadOnlyList<string> lines, int start, int count)
    {
        var slice = new string[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = lines[start + i];
        }

        return slice;
    }

    /// <summary>Indexes of <paramref name="b"/> that belong to a longest common subsequence with <paramref name="a"/>.</summary>
    private static HashSet<int>? CommonNewIndexes(string[] a, string[] b, int maxEdits)
    {
        int n = a.Length, m = b.Length;
        var max = Math.Min(n + m, maxEdits);
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, n, m, d, offset);
                }
            }
        }

        return null;
    }

    private static HashSet<int> Backtrack(List<int[]> trace, int n, int m, int depth, int offset)
    {
        var common = new HashSet<int>();
        int x = n, y = m;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
            var previousX = v[offset + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                common.Add(--y);
                x--;
            }

            x = previousX;
            y = previousY;
        }

        while (x > 0 && y > 0)
        {
            common.Add(--y);
            x--;
        }

        return common;
    }
}
