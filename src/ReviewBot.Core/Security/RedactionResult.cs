namespace ReviewBot.Core.Security;

/// <summary>Text with its secrets replaced, and how many of each kind were found.</summary>
public sealed record RedactionResult
{
    public required string Text { get; init; }

    /// <summary>Secrets replaced, per kind (see <see cref="SecretKind"/>); kinds not found are absent.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    public int Total => Counts.Values.Sum();

    public bool Found => Total > 0;
}

/// <summary>The kinds of secret <see cref="SecretRedactor"/> recognises; each names its replacement marker.</summary>
public static class SecretKind
{
    public const string GitHubToken = "github-token";
    public const string AwsAccessKey = "aws-access-key";
    public const string AwsSecretKey = "aws-secret-key";
    public const string GoogleApiKey = "google-api-key";
    public const string SlackToken = "slack-token";
    public const string StripeKey = "stripe-key";
    public const string PrivateKey = "private-key";
    public const string Jwt = "jwt";
    public const string Password = "password";
    public const string UrlCredentials = "url-credentials";
    public const string BearerToken = "bearer-token";
    public const string GenericSecret = "generic-secret";

    /// <summary>A value the caller knows to be secret (e.g. ReviewBot's own API key), found verbatim.</summary>
    public const string KnownSecret = "known-secret";
}
