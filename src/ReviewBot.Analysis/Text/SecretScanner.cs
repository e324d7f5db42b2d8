using System.Text.RegularExpressions;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Text;

/// <summary>
/// RB1002: credentials committed in added lines: GitHub, AWS, Slack, Stripe and Google keys by their documented
/// shapes, private key blocks, JSON Web Tokens, passwords in connection strings and URLs, and high-entropy values
/// assigned to names like <c>apiKey</c> or <c>secret</c>. Comments name the kind of secret, never its value.
/// </summary>
internal static partial class SecretScanner
{
    public const string RuleId = "RB1002";

    private const string Advice = "Anything committed stays in the repository's history even after it is deleted, so treat it as leaked: revoke or rotate it, and load it from configuration or a secret store (environment variable, user secrets, a vault) instead.";

    private static readonly string[] Placeholders =
    [
        "example", "placeholder", "changeme", "change_me", "your", "dummy", "sample", "redacted", "xxxx", "****", "....", "<", ">", "${", "{{", "$(", "%",
        "todo", "fake", "test", "secret", "password", "token", "insert", "replace",
    ];

    private static readonly (Regex Pattern, string What, double Confidence)[] Shapes =
    [
        (GitHubToken(), "a GitHub token", 0.95),
        (GitHubFineGrainedToken(), "a GitHub fine-grained personal access token", 0.95),
        (PrivateKey(), "a private key", 0.95),
        (AwsAccessKey(), "an AWS access key ID", 0.9),
        (AwsSecretKey(), "an AWS secret access key", 0.9),
        (SlackToken(), "a Slack token", 0.9),
        (StripeKey(), "a Stripe live secret key", 0.95),
        (GoogleApiKey(), "a Google API key", 0.8),
        (JsonWebToken(), "a JSON Web Token", 0.7),
    ];

    /// <summary>The most specific secret on <paramref name="line"/>, if any.</summary>
    public static LineFinding? Check(string line, string path)
    {
        if (line.Length > 4000)
        {
            // Minified or data lines: shapes are still checked, but not against the whole line's length of noise.
            line = line[..4000];
        }

        // Fixtures often hold made-up passwords; a real token shape stays serious anywhere.
        var inTests = path.Contains("test", StringComparison.OrdinalIgnoreCase) || path.Contains("fixture", StringComparison.OrdinalIgnoreCase);
        try
        {
            foreach (var (pattern, what, confidence) in Shapes)
            {
                var match = pattern.Match(line);
                if (match.Success && !match.Value.Contains("EXAMPLE", StringComparison.Ordinal))
                {
                    return Found(what, confidence);
                }
            }

            if (ConnectionStringPassword().Match(line) is { Success: true } connection && !IsPlaceholder(connection.Groups["value"].Value))
            {
                return Found("a connection string with a password", inTests ? 0.45 : 0.8);
            }

            if (UrlCredentials().Match(line) is { Success: true } url && !IsPlaceholder(url.Groups["value"].Value))
            {
                return Found("a URL with a password in it", inTests ? 0.45 : 0.75);
            }

            if (NamedSecret().Match(line) is { Success: true } named && IsLikelySecret(named.Groups["name"].Value, named.Groups["value"].Value))
            {
                return Found($"a hard-coded secret assigned to `{named.Groups["name"].Value}`", inTests ? 0.4 : 0.6);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line is not worth a review's time.
        }

        return null;
    }

    /// <summary>Shannon entropy of <paramref name="value"/> in bits per character.</summary>
    public static double Entropy(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        return -counts.Values.Sum(n => (double)n / value.Length * Math.Log2((double)n / value.Length));
    }

    private static LineFinding Found(string what, double confidence) =>
        new(RuleId, FindingKind.Security, confidence, $"This line appears to contain {what}. {Advice}");

    private static bool IsLikelySecret(string name, string value)
    {
        if (IsPlaceholder(value) || value.Contains(' ', StringComparison.Ordinal) || IsIdentifierLike(value))
        {
            return false;
        }

        // A password is a secret whatever it looks like; keys and tokens must look random to tell them from names.
        var isPassword = name.Contains("pass", StringComparison.OrdinalIgnoreCase) || name.Contains("pwd", StringComparison.OrdinalIgnoreCase);
        return isPassword ? value.Length >= 6 && Entropy(value) >= 2.5 : value.Length >= 16 && Entropy(value) >= 3.5;
    }

    private static bool IsPlaceholder(string value)
    {
        if (value.Length == 0 || value.AsSpan().IndexOfAnyExcept(value[0]) < 0)
        {
            return true;
        }

        foreach (var placeholder in Placeholders)
        {
            if (value.Contains(placeholder, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>CONFIG_KEY_NAMES, dotted.config.keys and paths name where a secret lives, not the secret.</summary>
    private static bool IsIdentifierLike(string value) =>
        ConfigName().IsMatch(value) || value.StartsWith('/') || value.StartsWith("./", StringComparison.Ordinal) || value.Contains("://", StringComparison.Ordinal);

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36,255}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{40,255}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex GitHubFineGrainedToken();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"(?i)aws_?secret_?access_?key[""']?\s*[:=]\s*[""']?[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b[sr]k_live_[A-Za-z0-9]{20,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"(?i)(?:server|data source|host|user id|uid|username|database|initial catalog)\s*=[^;]*;.*?\b(?:password|pwd)\s*=\s*(?<value>[^;""'\s]{3,})", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^/\s:@""']{1,64}:(?<value>[^/\s:@""']{3,128})@[^\s/""']+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i)(?<name>[a-z0-9_.\-]*(?:secret|password|passwd|pwd|token|api[_\-]?key|access[_\-]?key|client[_\-]?secret|private[_\-]?key|signing[_\-]?key)[a-z0-9_.\-]*)[""']?\s*(?::=|=>|:|=)\s*@?[""'](?<value>[^""'\s]{6,})[""']", RegexOptions.CultureInvariant, 200)]
    private static partial Regex NamedSecret();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[._:\-][A-Za-z0-9]+)+$|^[A-Z][A-Z0-9_]+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ConfigName();
}
