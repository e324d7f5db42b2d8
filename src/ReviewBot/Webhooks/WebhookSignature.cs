using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Webhooks;

/// <summary>How a delivery's <c>X-Hub-Signature-256</c> compared with the body.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Mismatch,
}

/// <summary>
/// GitHub's webhook signature: <c>sha256=</c> + lowercase hex HMAC-SHA256 of the raw body, keyed with the webhook
/// secret. Compared in constant time on bytes, before the body is parsed.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    public static SignatureCheck Verify(ReadOnlySpan<byte> body, string? header, ReadOnlySpan<byte> secret)
    {
        if (string.IsNullOrEmpty(header))
        {
            return SignatureCheck.Missing;
        }

        if (!header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> claimed = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> actual = stackalloc byte[32];
        HMACSHA256.HashData(secret, body, actual);
        return CryptographicOperations.FixedTimeEquals(actual, claimed) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }
}
