using ReviewBot.Core.Security;

namespace ReviewBot.Core.Tests.Security;

public sealed class SecretRedactorTests
{
    public static TheoryData<string, string> PlantedSecrets() => new()
    {
        { $"var token = \"{FakeSecrets.GitHubToken()}\";", SecretKind.GitHubToken },
        { $"GH_TOKEN={FakeSecrets.GitHubFineGrained()}", SecretKind.GitHubToken },
        { "curl -u x:" + "gh" + "s_" + FakeSecrets.HighEntropy(21, 36) + " https://api.github.com", SecretKind.GitHubToken },
        { $"aws_access_key_id = {FakeSecrets.AwsAccessKey()}", SecretKind.AwsAccessKey },
        { $"aws_secret_access_key = {FakeSecrets.AwsSecretKey()}", SecretKind.AwsSecretKey },
        { $"const key = '{FakeSecrets.GoogleApiKey()}'", SecretKind.GoogleApiKey },
        { $"slack: {FakeSecrets.SlackToken()}", SecretKind.SlackToken },
        { $"Stripe.ApiKey = \"{FakeSecrets.StripeKey()}\";", SecretKind.StripeKey },
        { $"Cookie: session={FakeSecrets.Jwt()}", SecretKind.Jwt },
        { "Server=db;User Id=sa;Password=" + FakeSecrets.HighEntropy(22, 12) + ";", SecretKind.Password },
        { "Data Source=x;pwd=" + "hunter" + "2x;", SecretKind.Password },
        { "postgres://app:" + FakeSecrets.HighEntropy(23, 14) + "@db.internal:5432/app", SecretKind.UrlCredentials },
        { "Authorization: Bearer " + FakeSecrets.HighEntropy(24, 40), SecretKind.BearerToken },
        { "client.DefaultRequestHeaders.Add(\"Authorization\", \"Basic " + FakeSecrets.HighEntropy(25, 24) + "\");", SecretKind.BearerToken },
        { "signing_key = \"" + FakeSecrets.HighEntropy(26, 32) + "\"", SecretKind.GenericSecret },
        { "API_SECRET=" + FakeSecrets.HighEntropy(27, 40), SecretKind.GenericSecret },
        { "\"password\": \"" + "correct" + "-horse-battery\"", SecretKind.GenericSecret },
        { FakeSecrets.PrivateKeyBlock(), SecretKind.PrivateKey },
    };

    [Theory]
    [MemberData(nameof(PlantedSecrets))]
    public void Redact_PlantedSecret_IsReplacedAndCounted(string text, string kind)
    {
        var result = SecretRedactor.Redact(text);

        Assert.Contains(SecretRedactor.Marker(kind), result.Text, StringComparison.Ordinal);
        Assert.True(result.Counts.GetValueOrDefault(kind) >= 1, $"{kind} counted: {string.Join(", ", result.Counts)}");
        Assert.Equal(text.Count(static c => c == '\n'), result.Text.Count(static c => c == '\n'));
    }

    [Theory]
    [MemberData(nameof(PlantedSecrets))]
    public void Redact_Twice_ChangesNothingMore(string text, string kind)
    {
        var once = SecretRedactor.Redact(text);
        var twice = SecretRedactor.Redact(once.Text);

        Assert.Equal(once.Text, twice.Text);
        Assert.Equal(0, twice.Total);
        Assert.NotEmpty(kind);
    }

    [Fact]
    public void Redact_PrivateKeyInDiffLines_KeepsMarkersAndLineCount()
    {
        var block = FakeSecrets.PrivateKeyBlock(linePrefix: "+");
        var text = "+var pem = @\"\n" + block + "\";\n context line";

        var result = SecretRedactor.Redact(text);

        Assert.Equal(text.Split('\n').Length, result.Text.Split('\n').Length);
        Assert.All(result.Text.Split('\n').Take(7), line => Assert.True(line.StartsWith('+'), line));
        Assert.DoesNotContain(FakeSecrets.PrivateKeyBlock().Split('\n')[1], result.Text, StringComparison.Ordinal);
        Assert.Equal(1, result.Counts[SecretKind.PrivateKey]);
        Assert.EndsWith(" context line", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_KnownSecret_IsRemovedVerbatim()
    {
        var key = "not-a-pattern-" + FakeSecrets.HighEntropy(30, 12);

        var result = SecretRedactor.Redact($"// our key is {key}, twice: {key}", [key, null, ""]);

        Assert.DoesNotContain(key, result.Text, StringComparison.Ordinal);
        Assert.Equal(2, result.Counts[SecretKind.KnownSecret]);
    }

    [Theory]
    [InlineData("var token = tokenSource.Token;")]
    [InlineData("if (password == \"\") return;")]
    [InlineData("var key = GetTokenFromConfiguration();")]
    [InlineData("public string ApiKey { get; set; }")]
    [InlineData("options.Password = configuration[\"Db:Password\"];")]
    [InlineData("string sha = \"e3b0c44298fc1c149afbf4c8996fb924\";")]
    [InlineData("private const string DefaultSecretName = \"github-webhook\";")]
    [InlineData("services.AddSingleton<ITokenProvider, TokenProvider>();")]
    [InlineData("password = \"${DB_PASSWORD}\"")]
    [InlineData("connection: postgres://user:${PASSWORD}@localhost/db")]
    [InlineData("Authorization: Bearer [REDACTED:bearer-token]")]
    [InlineData("public const string Password = \"password\";")]
    [InlineData("var apiKey = configuration[\"OpenAI:ApiKey\"];")]
    public void Redact_OrdinaryCode_IsLeftAlone(string text)
    {
        var result = SecretRedactor.Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void Redact_RandomText_NeverThrowsIsIdempotentAndKeepsLines()
    {
        var random = new Random(99);
        string[] pieces = ["password=", "token: \"", "Bearer ", "://u:", "@h", "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----", "\n", "\"", "'", ";", " ", "AKIA", "gh" + "p_", "ey" + "J", ".", "=", "key", FakeSecrets.HighEntropy(31, 20), "[REDACTED:x]"];
        for (var i = 0; i < 2000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var once = SecretRedactor.Redact(text);
            Assert.Equal(text.Count(static c => c == '\n'), once.Text.Count(static c => c == '\n'));
            Assert.Equal(once.Text, SecretRedactor.Redact(once.Text).Text);
        }
    }

    [Fact]
    public void Entropy_KnownValues()
    {
        Assert.Equal(0, SecretRedactor.Entropy("aaaa"));
        Assert.Equal(2, SecretRedactor.Entropy("abcd"), 6);
        Assert.True(SecretRedactor.Entropy(FakeSecrets.HighEntropy()) > SecretRedactor.EntropyThreshold);
    }
}
