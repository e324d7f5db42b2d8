using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReviewBot.GitHub.Auth;

namespace ReviewBot.GitHub;

/// <summary>Cross-field rules of <see cref="GitHubOptions"/>, every failure reported at once. Never echoes a secret.</summary>
public sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
        {
            failures.Add($"GitHub:ApiBaseUrl must be an absolute http(s) URL (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server); got '{options.ApiBaseUrl}'.");
        }

        var anyApp = !string.IsNullOrWhiteSpace(options.AppId) || !string.IsNullOrWhiteSpace(options.ClientId) ||
                     !string.IsNullOrWhiteSpace(options.PrivateKey) || !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        if (anyApp)
        {
            ValidateApp(options, failures);
        }

        if (anyApp && !string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("GitHub:Token and GitHub App credentials are both set; set one of them.");
        }

        if (string.IsNullOrWhiteSpace(options.UserAgent))
        {
            failures.Add("GitHub:UserAgent must not be empty: GitHub refuses requests without a User-Agent.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add("GitHub:RequestTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateApp(GitHubOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.AppId) && string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("GitHub App credentials need GitHub:ClientId or GitHub:AppId (the JWT issuer).");
        }

        if (!string.IsNullOrWhiteSpace(options.AppId) && !options.AppId.All(char.IsAsciiDigit))
        {
            failures.Add("GitHub:AppId must be the App's numeric id.");
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.PrivateKey);
        var hasPath = !string.IsNullOrWhiteSpace(options.PrivateKeyPath);
        if (hasKey == hasPath)
        {
            failures.Add(hasKey
                ? "GitHub:PrivateKey and GitHub:PrivateKeyPath are both set; set one of them."
                : "GitHub App credentials need GitHub:PrivateKeyPath (the .pem file) or GitHub:PrivateKey (its text).");
            return;
        }

        if (hasPath && !File.Exists(options.PrivateKeyPath))
        {
            failures.Add($"GitHub:PrivateKeyPath '{options.PrivateKeyPath}' does not exist.");
            return;
        }

        try
        {
            using var key = AppPrivateKey.Load(options);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The message names the setting, never the key's text.
            failures.Add($"{(hasPath ? "GitHub:PrivateKeyPath" : "GitHub:PrivateKey")} is not a readable PEM RSA private key ({ex.GetType().Name}).");
        }
    }
}
