using System.Text;
using System.Text.Unicode;

namespace ReviewBot.Core.Diffs;

/// <summary>
/// Splits raw diff bytes into lines. Each line is decoded as UTF-8 when it is valid UTF-8 and as Latin-1 otherwise,
/// so files in legacy encodings survive with one character per byte instead of failing the whole diff.
/// </summary>
internal static class DiffText
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static List<string> SplitLines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<string>();
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            lines.Add(Decode(TrimCarriageReturn(line)));
            bytes = end < 0 ? [] : bytes[(end + 1)..];
        }

        return lines;
    }

    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var span = text.AsSpan();
        if (!span.IsEmpty && span[0] == '\uFEFF')
        {
            span = span[1..];
        }

        while (!span.IsEmpty)
        {
            var end = span.IndexOf('\n');
            var line = end < 0 ? span : span[..end];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            lines.Add(line.ToString());
            span = end < 0 ? [] : span[(end + 1)..];
        }

        return lines;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static string Decode(ReadOnlySpan<byte> line) =>
        Utf8.IsValid(line) ? Encoding.UTF8.GetString(line) : Latin1.GetString(line);
}
