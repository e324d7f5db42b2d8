using System.Text;

namespace ReviewBot.Core.Diffs;

/// <summary>Paths as git prints them in diff headers: optionally C-quoted, with <c>a/</c> and <c>b/</c> prefixes.</summary>
internal static class GitPath
{
    public const string DevNull = "/dev/null";

    /// <summary>Reads one path token from the start of <paramref name="text"/>; returns the rest after it.</summary>
    public static bool TryReadQuoted(string text, out string path, out string rest)
    {
        path = "";
        rest = text;
        if (text.Length == 0 || text[0] != '"')
        {
            return false;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                path = Encoding.UTF8.GetString([.. bytes]);
                rest = text[(i + 1)..];
                return true;
            }

            if (c != '\\')
            {
                AppendUtf8(bytes, c);
                continue;
            }

            if (++i >= text.Length)
            {
                return false;
            }

            var e = text[i];
            if (e is >= '0' and <= '7' && i + 2 < text.Length && IsOctal(text[i + 1]) && IsOctal(text[i + 2]))
            {
                bytes.Add((byte)(((e - '0') << 6) | ((text[i + 1] - '0') << 3) | (text[i + 2] - '0')));
                i += 2;
                continue;
            }

            bytes.Add(e switch
            {
                'n' => (byte)'\n',
                't' => (byte)'\t',
                'r' => (byte)'\r',
                'a' => 7,
                'b' => 8,
                'f' => 12,
                'v' => 11,
                _ => (byte)e,
            });
        }

        return false;
    }

    /// <summary>A path from a <c>---</c>/<c>+++</c> line: unquoted, timestamp removed, prefix removed.</summary>
    public static string FromFileHeader(string value, char prefix)
    {
        string path;
        if (TryReadQuoted(value, out var quoted, out _))
        {
            path = quoted;
        }
        else
        {
            var tab = value.IndexOf('\t', StringComparison.Ordinal);
            path = tab >= 0 ? value[..tab] : value.TrimEnd();
        }

        return StripPrefix(path, prefix);
    }

    /// <summary>A path from <c>rename from</c>, <c>copy to</c> and similar lines: unquoted, never prefixed.</summary>
    public static string FromExtendedHeader(string value) =>
        TryReadQuoted(value, out var quoted, out _) ? quoted : value;

    /// <summary>
    /// Splits the two paths of <c>diff --git a/X b/Y</c>. Unquoted paths may contain spaces, so when both sides name
    /// the same file the split is where the two halves agree, as git itself does.
    /// </summary>
    public static bool TrySplitGitHeader(string value, out string oldPath, out string newPath)
    {
        oldPath = newPath = "";
        if (TryReadQuoted(value, out var first, out var rest))
        {
            rest = rest.TrimStart(' ');
            if (!TryReadQuoted(rest, out var second, out _))
            {
                second = rest;
            }

            (oldPath, newPath) = (StripPrefix(first, 'a'), StripPrefix(second, 'b'));
            return true;
        }

        var quoteAt = value.IndexOf(" \"", StringComparison.Ordinal);
        if (quoteAt > 0 && TryReadQuoted(value[(quoteAt + 1)..], out var quotedNew, out _))
        {
            (oldPath, newPath) = (StripPrefix(value[..quoteAt], 'a'), StripPrefix(quotedNew, 'b'));
            return true;
        }

        // Same name on both sides: "a/<name> b/<name>", total length 2·len + 5.
        if (value.Length % 2 == 1 && value.StartsWith("a/", StringComparison.Ordinal))
        {
            var half = (value.Length - 1) / 2;
            var left = value[..half];
            var right = value[(half + 1)..];
            if (value[half] == ' ' && right.StartsWith("b/", StringComparison.Ordinal) &&
                string.Equals(left[2..], right[2..], StringComparison.Ordinal))
            {
                oldPath = newPath = left[2..];
                return true;
            }
        }

        var split = value.IndexOf(" b/", StringComparison.Ordinal);
        if (split < 0)
        {
            split = value.IndexOf(' ', StringComparison.Ordinal);
        }

        if (split < 0)
        {
            return false;
        }

        (oldPath, newPath) = (StripPrefix(value[..split], 'a'), StripPrefix(value[(split + 1)..], 'b'));
        return true;
    }

    private static string StripPrefix(string path, char prefix) =>
        path.Length > 2 && path[0] == prefix && path[1] == '/' ? path[2..] : path;

    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static void AppendUtf8(List<byte> bytes, char c)
    {
        if (c < 0x80)
        {
            bytes.Add((byte)c);
            return;
        }

        Span<byte> buffer = stackalloc byte[4];
        var written = Encoding.UTF8.GetBytes([c], buffer);
        for (var i = 0; i < written; i++)
        {
            bytes.Add(buffer[i]);
        }
    }
}
