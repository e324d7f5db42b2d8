using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ReviewBot.GitHub.Auth;

/// <summary>
/// Creates the JSON Web Token a GitHub App authenticates with: RS256 over <c>{"iat","exp","iss"}</c>, <c>iat</c> 60 s
/// in the past (clock drift), <c>exp</c> 9 minutes ahead (GitHub allows at most 10), <c>iss</c> the client id or App id.
/// </summary>
public sealed class AppJwt : IDisposable
{
    private static readonly byte[] Header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
    private readonly RSA? _key;
    private readonly string? _issuer;
    private readonly TimeProvider _time;

    public AppJwt(IOptions<GitHubOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = timeProvider;
        if (options.Value.HasAppCredentials)
        {
            _key = AppPrivateKey.Load(options.Value);
            _issuer = options.Value.Issuer;
        }
    }

    public static TimeSpan IssuedAtSkew { get; } = TimeSpan.FromSeconds(60);

    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(9);

    public bool IsConfigured => _key is not null;

    /// <summary>A fresh JWT. Cheap (one RSA signature); not cached, so it never outlives its 10 minutes.</summary>
    public string Create()
    {
        if (_key is null || _issuer is null)
        {
            throw new InvalidOperationException("No GitHub App credentials are configured.");
        }

        var now = _time.GetUtcNow();
        var payload = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(payload))
        {
            json.WriteStartObject();
            json.WriteNumber("iat", (now - IssuedAtSkew).ToUnixTimeSeconds());
            json.WriteNumber("exp", (now + Lifetime).ToUnixTimeSeconds());
            json.WriteString("iss", _issuer);
            json.WriteEndObject();
        }

        var signingInput = new byte[Header.Length + 1 + Base64UrlLength(payload.WrittenCount)];
        Header.CopyTo(signingInput, 0);
        signingInput[Header.Length] = (byte)'.';
        Base64Url(payload.WrittenSpan).CopyTo(signingInput, Header.Length + 1);
        var signature = _key.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Encoding.ASCII.GetString(signingInput) + "." + Encoding.ASCII.GetString(Base64Url(signature));
    }

    public void Dispose() => _key?.Dispose();

    private static int Base64UrlLength(int bytes) => ((bytes * 4) + 2) / 3;

    private static byte[] Base64Url(ReadOnlySpan<byte> data) =>
        Encoding.ASCII.GetBytes(Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
}
