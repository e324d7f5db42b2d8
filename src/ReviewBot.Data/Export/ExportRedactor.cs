using System.Reflection;
using System.Text.RegularExpressions;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Security;

namespace ReviewBot.Data.Export;

/// <summary>
/// Masks secrets in everything an export writes (SecretRedactor, the same rules as before a prompt is built) and
/// counts them per kind: secrets found now, and masks present in what is written (most were made when the review
/// ran, before the critic saw the change).
/// </summary>
public sealed partial class ExportRedactor
{
    private static readonly HashSet<string> Kinds = [.. typeof(SecretKind).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(static f => f.IsLiteral && f.FieldType == typeof(string)).Select(static f => (string)f.GetRawConstantValue()!)];

    /// <summary>Secrets found and masked during the export, per kind.</summary>
    public SortedDictionary<string, long> FoundNow { get; } = new(StringComparer.Ordinal);

    /// <summary>Masks (<c>[REDACTED:kind]</c>) in the exported texts, per kind, each prompt and each completion counted once.</summary>
    public SortedDictionary<string, long> Masked { get; } = new(StringComparer.Ordinal);

    public string Redact(string? text)
    {
        var result = SecretRedactor.Redact(text);
        foreach (var (kind, count) in result.Counts)
        {
            FoundNow[kind] = FoundNow.GetValueOrDefault(kind) + count;
        }

        foreach (Match marker in MarkerPattern().Matches(result.Text))
        {
            var kind = marker.Groups[1].Value;
            if (Kinds.Contains(kind))
            {
                Masked[kind] = Masked.GetValueOrDefault(kind) + 1;
            }
        }

        return result.Text;
    }

    public Highlight Redact(Highlight highlight)
    {
        ArgumentNullException.ThrowIfNull(highlight);
        return highlight with
        {
            Quote = Redact(highlight.Quote),
            Comment = Redact(highlight.Comment),
            Suggestion = highlight.Suggestion is null ? null : Redact(highlight.Suggestion),
        };
    }

    [GeneratedRegex(@"\[REDACTED:([a-z0-9-]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();
}
