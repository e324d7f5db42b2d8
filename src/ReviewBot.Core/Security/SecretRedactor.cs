using System.Text;
using System.Text.RegularExpressions;

namespace ReviewBot.Core.Security;

/// <summary>
/// Finds secrets in text (diffs, pull request text, model answers, exports) and replaces each with
/// <c>[REDACTED:kind]</c>. Replacements never span or remove a line break, so a redacted diff keeps its line
/// numbers; redacting twice changes nothing more (markers are never matched again).
/// </summary>
public static partial class SecretRedactor
{
    /// <summary>Values shorter than this are never taken for a generic high-entropy secret.</summary>
    public const int MinGenericLength = 16;

    /// <summary>Shannon entropy (bits per character) above which a value assigned to a secret-like name is redacted.</summary>
    public const double EntropyThreshold = 3.5;

    private const string MarkerPrefix = "[REDACTED:";

    public static string Marker(string kind) => $"{MarkerPrefix}{kind}]";

    /// <summary>Redacts <paramref name="text"/>; <paramref name="knownSecrets"/> are removed verbatim first.</summary>
    public static RedactionResult Redact(string? text, IEnumerable<string?>? knownSecrets = null)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var value = text ?? "";
        if (value.Length == 0)
        {
            return new RedactionResult { Text = value, Counts = counts };
        }

        foreach (var known in knownSecrets ?? [])
        {
            // Short values would match ordinary words; a key that short is not worth hiding this way.
            if (known is { Length: >= 8 } && !known.Contains('\n', StringComparison.Ordinal) && value.Contains(known, StringComparison.Ordinal))
            {
                var occurrences = CountOccurrences(value, known);
                value = value.Replace(known, Marker(SecretKind.KnownSecret), StringComparison.Ordinal);
                Add(counts, SecretKind.KnownSecret, occurrences);
            }
        }

        // One pass can expose what an earlier rule needed (a value eating a PEM footer, say); a few passes reach
        // the fixed point, which is what makes redaction idempotent.
        for (var pass = 0; pass < 4; pass++)
        {
            var before = value;
            value = RedactOnce(value, counts);
            if (string.Equals(before, value, StringComparison.Ordinal))
            {
                break;
            }
        }

        return new RedactionResult { Text = value, Counts = counts };
    }

    private static string RedactOnce(string value, Dictionary<string, int> counts)
    {
        value = RedactPrivateKeys(value, counts);
        value = ReplaceWhole(value, GitHubToken(), SecretKind.GitHubToken, counts);
        value = ReplaceWhole(value, AwsAccessKey(), SecretKind.AwsAccessKey, counts);
        value = ReplaceWhole(value, GoogleApiKey(), SecretKind.GoogleApiKey, counts);
        value = ReplaceWhole(value, SlackToken(), SecretKind.SlackToken, counts);
        value = ReplaceWhole(value, SlackWebhook(), SecretKind.SlackToken, counts);
        value = ReplaceWhole(value, StripeKey(), SecretKind.StripeKey, counts);
        value = ReplaceWhole(value, Jwt(), SecretKind.Jwt, counts);
        value = ReplaceGroup(value, AwsSecretKey(), "value", SecretKind.AwsSecretKey, counts, static _ => true);
        value = ReplaceGroup(value, Authorization(), "value", SecretKind.BearerToken, counts, static _ => true);
        value = ReplaceGroup(value, Bearer(), "value", SecretKind.BearerToken, counts, static _ => true);
        value = ReplaceGroup(value, UrlCredentials(), "value", SecretKind.UrlCredentials, counts, static v => !IsPlaceholder(v));
        value = ReplaceGroup(value, ConnectionStringPassword(), "value", SecretKind.Password, counts, static v => !IsPlaceholder(v.Trim('"', '\'')));
        value = ReplaceGroup(value, QuotedAssignment(), "value", SecretKind.GenericSecret, counts, static v => false, IsQuotedSecret);
        return ReplaceGroup(value, BareAssignment(), "value", SecretKind.GenericSecret, counts, static v => IsHighEntropy(v, requireDigit: true));
    }

    /// <summary>Shannon entropy of <paramref name="value"/> in bits per character.</summary>
    public static double Entropy(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return 0;
        }

        var frequencies = new Dictionary<char, int>();
        foreach (var c in value)
        {
            frequencies[c] = frequencies.GetValueOrDefault(c) + 1;
        }

        var entropy = 0.0;
        foreach (var count in frequencies.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    private static bool IsHighEntropy(string value, bool requireDigit)
    {
        if (value.Length < MinGenericLength || value.Contains(MarkerPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hasDigit = value.Any(char.IsAsciiDigit);
        var hasLetter = value.Any(char.IsAsciiLetter);
        if (!hasLetter || (requireDigit && !hasDigit))
        {
            return false;
        }

        // Hex digests have at most 4 bits per character; judge them on their own scale.
        var isHex = value.All(char.IsAsciiHexDigit);
        return isHex ? value.Length >= 32 && Entropy(value) >= 3.0 : Entropy(value) >= EntropyThreshold;
    }

    private static bool IsQuotedSecret(Match match)
    {
        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        if (value.Contains(MarkerPrefix, StringComparison.Ordinal) || IsPlaceholder(value))
        {
            return false;
        }

        // A value naming its own kind ("password", "Db:Password", "api-token") is a label or a configuration key.
        var word = SecretWord().Match(name).Value;
        if (word.Length > 0 && value.Contains(word, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A literal assigned to a password-like name is a secret whatever its entropy; other names need entropy.
        return PasswordName().IsMatch(name) ? value.Length >= 6 : IsHighEntropy(value, requireDigit: false);
    }

    private static bool IsPlaceholder(string value) =>
        value.Length == 0
        || value.StartsWith(MarkerPrefix, StringComparison.Ordinal)
        || value.StartsWith('$') || value.StartsWith('{') || value.StartsWith('<') || value.StartsWith('%')
        || value.All(static c => c is '*' or 'x' or 'X' or '.' or '-');

    private static string ReplaceWhole(string text, Regex regex, string kind, Dictionary<string, int> counts)
    {
        var found = 0;
        var result = regex.Replace(text, _ =>
        {
            found++;
            return Marker(kind);
        });
        Add(counts, kind, found);
        return result;
    }

    private static string ReplaceGroup(
        string text, Regex regex, string group, string kind, Dictionary<string, int> counts, Func<string, bool> accept, Func<Match, bool>? acceptMatch = null)
    {
        var found = 0;
        var result = regex.Replace(text, match =>
        {
            var value = match.Groups[group];
            var ok = acceptMatch?.Invoke(match) ?? (accept(value.Value) && !value.Value.Contains(MarkerPrefix, StringComparison.Ordinal));
            if (!ok)
            {
                return match.Value;
            }

            found++;
            var start = value.Index - match.Index;
            return string.Concat(match.Value.AsSpan(0, start), Marker(kind), match.Value.AsSpan(start + value.Length));
        });
        Add(counts, kind, found);
        return result;
    }

    /// <summary>
    /// Every base64 run between a PEM private-key header and its footer (or, without a footer, over the next lines)
    /// is replaced, so the key material goes but the lines (and any diff markers or string quotes) stay.
    /// </summary>
    private static string RedactPrivateKeys(string text, Dictionary<string, int> counts)
    {
        var begin = PemBegin().Match(text);
        if (!begin.Success)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var position = 0;
        while (begin.Success)
        {
            var bodyStart = begin.Index + begin.Length;
            var end = PemEnd().Match(text, bodyStart);
            var bodyEnd = end.Success ? end.Index : EndOfLines(text, bodyStart, 64);
            var replaced = false;
            var body = PemBody().Replace(text[bodyStart..bodyEnd], match =>
            {
                replaced = true;
                return match.Groups["lead"].Value + Marker(SecretKind.PrivateKey);
            });
            output.Append(text, position, bodyStart - position).Append(body);
            position = bodyEnd;
            if (replaced)
            {
                Add(counts, SecretKind.PrivateKey, 1);
            }

            begin = PemBegin().Match(text, end.Success ? end.Index + end.Length : bodyEnd);
        }

        return output.Append(text, position, text.Length - position).ToString();
    }

    private static int EndOfLines(string text, int start, int lines)
    {
        var index = start;
        for (var i = 0; i < lines && index < text.Length; i++)
        {
            var next = text.IndexOf('\n', index);
            index = next < 0 ? text.Length : next + 1;
        }

        return index;
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void Add(Dictionary<string, int> counts, string kind, int found)
    {
        if (found > 0)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + found;
        }
    }

    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex PemBegin();

    [GeneratedRegex(@"-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex PemEnd();

    // A leading "+", "-" or space may be a diff marker: it stays so the diff stays a diff.
    [GeneratedRegex(@"(?<lead>^[+\- ])?[A-Za-z0-9+/=]{16,}", RegexOptions.Multiline)]
    private static partial Regex PemBody();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Z0-9])")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"(?i)(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)[""']?\s*(?:=|:|=>)\s*[""']?(?<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])AIza[0-9A-Za-z_\-]{35}")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/services/[A-Za-z0-9/_-]{16,}")]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\bauthorization[""']?\s*[:=,]\s*[""']?\s*(?:(?:basic|token|bearer)\s+)?(?<value>[A-Za-z0-9\-._~+/]{12,}=*)")]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?i)\bbearer\s+(?<value>[A-Za-z0-9\-._~+/]{16,}=*)")]
    private static partial Regex Bearer();

    // Anchored on "://" (found fast) with the scheme in a look-behind.
    [GeneratedRegex(@"(?i)(?<=\b[a-z][a-z0-9+.\-]{1,20})://[^\s/:@'""]{1,256}:(?<value>[^\s@/'""]{1,256})@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i)(?<=^|[;""'\s])(?:password|pwd)=(?<value>""[^""\n]*""|'[^'\n]*'|[^;""'\s]+)", RegexOptions.Multiline)]
    private static partial Regex ConnectionStringPassword();

    // Matching starts at the secret-like word inside the name (whatever precedes it in the name does not matter)
    // and every repetition is bounded, so the cost stays linear in the text.
    [GeneratedRegex(@"(?i)(?<name>(?:key|secret|token|passw(?:or)?d|pwd|credentials?)[A-Za-z0-9_\-]{0,40})[""']?\s{0,4}(?::=|=(?![=>])|:(?!:))\s{0,4}(?<q>[""'`])(?<value>[^""'`\s]{1,512})\k<q>")]
    private static partial Regex QuotedAssignment();

    [GeneratedRegex(@"(?i)(?<name>(?:key|secret|token|passw(?:or)?d|pwd|credentials?)[A-Za-z0-9_\-]{0,40})[""']?\s{0,4}(?::=|=(?![=>])|:(?!:))\s{0,4}(?<value>[A-Za-z0-9+/_\-.~]{16,512}=*)(?=$|[\s;,)\]}])", RegexOptions.Multiline)]
    private static partial Regex BareAssignment();

    [GeneratedRegex(@"(?i)(?:key|secret|token|passw(?:or)?d|pwd|credential)")]
    private static partial Regex SecretWord();

    [GeneratedRegex(@"(?i)(?:passw(?:or)?d|pwd|passphrase)")]
    private static partial Regex PasswordName();
}
