using ReviewBot.Analysis.Text;

namespace ReviewBot.Analysis.Tests.Text;

public sealed class SecretScannerTests
{
    // Built at run time so that no secret-shaped literal sits in the repository.
    private static readonly string GitHubToken = "ghp_" + new string('a', 10) + "Z9x8Y7w6V5u4T3s2R1q0P9o8Nm";
    private static readonly string FineGrained = "github_pat_11ABCDEFG0" + new string('x', 20) + "_" + new string('Q', 50);
    private static readonly string AwsKey = "AKIA" + "Q7ZK2M4N6P8R0T3V";
    private static readonly string Jwt = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static readonly string PrivateKeyHeader = "-----BEGIN RSA " + "PRIVATE KEY-----";

    public static TheoryData<string, string, string> Secrets() => new()
    {
        { $"const string Token = \"{GitHubToken}\";", "GitHub token", GitHubToken },
        { $"GITHUB_TOKEN={FineGrained}", "fine-grained", FineGrained },
        { $"aws_access_key_id = {AwsKey}", "AWS access key", AwsKey },
        { PrivateKeyHeader, "private key", "BEGIN RSA" },
        { $"Authorization: Bearer {Jwt}", "JSON Web Token", Jwt },
        { "\"Default\": \"Server=db.internal;Database=shop;User Id=shop;Password=Tr0ub4dor&3x;\"", "connection string", "Tr0ub4dor&3x" },
        { "var url = \"postgres://shop:s3cr3tP4ss@db.internal:5432/shop\";", "URL with a password", "s3cr3tP4ss" },
        { "private const string ApiKey = \"q8Zt2LmX9vB4nR7kW1pY6cD3\";", "`ApiKey`", "q8Zt2LmX9vB4nR7kW1pY6cD3" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Check_SecretShapes_ReportsTheKindButNeverTheValue(string line, string kind, string value)
    {
        var finding = SecretScanner.Check(line, "src/Shop/Settings.cs");

        Assert.NotNull(finding);
        Assert.Equal("RB1002", finding.RuleId);
        Assert.Contains(kind, finding.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain(value, finding.Comment, StringComparison.Ordinal);
        Assert.Contains("rotate", finding.Comment, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var key = configuration[\"Stripe:ApiKey\"];")]
    [InlineData("private const string ApiKeyHeader = \"X-Api-Key\";")]
    [InlineData("\"Password\": \"${DB_PASSWORD}\"")]
    [InlineData("Server=db;Database=shop;User Id=shop;Password={password};")]
    [InlineData("var token = \"your-token-here\";")]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")]
    [InlineData("var tokenEndpoint = \"https://login.example.com/oauth2/token\";")]
    [InlineData("var secretName = \"STRIPE_SECRET_KEY\";")]
    public void Check_PlaceholdersAndNames_ReportsNothing(string line) =>
        Assert.Null(SecretScanner.Check(line, "src/Shop/Settings.cs"));

    [Fact]
    public void Entropy_RandomVersusRepetitive_Differs()
    {
        Assert.True(SecretScanner.Entropy("q8Zt2LmX9vB4nR7kW1pY6cD3") > 4);
        Assert.True(SecretScanner.Entropy("aaaaaaaaaaaaaaaa") < 0.1);
    }
}
