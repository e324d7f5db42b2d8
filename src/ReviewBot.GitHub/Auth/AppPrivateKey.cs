using System.Security.Cryptography;

namespace ReviewBot.GitHub.Auth;

/// <summary>Loads the App's RSA private key from <c>GitHub:PrivateKey</c> or the file at <c>GitHub:PrivateKeyPath</c>.</summary>
internal static class AppPrivateKey
{
    public static RSA Load(GitHubOptions options)
    {
        var pem = !string.IsNullOrWhiteSpace(options.PrivateKey)
            ? options.PrivateKey
            : File.ReadAllText(options.PrivateKeyPath ?? throw new ArgumentException("No private key configured."));

        // Keys pasted into environment variables often arrive with literal "\n" instead of line breaks.
        pem = pem.Replace("\\n", "\n", StringComparison.Ordinal);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
