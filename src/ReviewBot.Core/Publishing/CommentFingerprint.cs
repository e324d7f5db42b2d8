using System.Security.Cryptography;
using System.Text;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Publishing;

/// <summary>
/// Identifies a finding across pushes and rebases: path + normalized quote + kind, never line numbers. The same
/// finding on a later commit has the same fingerprint, so it is not posted twice.
/// </summary>
public static class CommentFingerprint
{
    public static string Compute(string path, string quote, FindingKind kind)
    {
        var normalized = string.Join('\n', (quote ?? "").Split('\n').Select(static l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(static l => l.Length > 0));
        var text = $"{path}\n{kind}\n{normalized}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    public static string Compute(Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(highlight);
        return Compute(highlight.Path, highlight.Quote, highlight.Kind);
    }
}
