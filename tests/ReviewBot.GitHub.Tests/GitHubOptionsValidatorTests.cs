using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Publishing;
using ReviewBot.GitHub.Publishing;

namespace ReviewBot.GitHub.Tests;

public sealed class GitHubOptionsValidatorTests
{
    private readonly GitHubOptionsValidator _validator = new();

    [Fact]
    public void Validate_TokenOnly_SucceedsWithCredentials()
    {
        var options = new GitHubOptions { Token = "ghp_x" };

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(options.HasCredentials);
        Assert.False(options.HasAppCredentials);
    }

    [Fact]
    public void Validate_Nothing_SucceedsWithoutCredentials()
    {
        var options = new GitHubOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.False(options.HasCredentials);
    }

    [Fact]
    public void Validate_SeveralMistakes_ReportsEveryOne()
    {
        var options = new GitHubOptions { ApiBaseUrl = "api.github.com", AppId = "abc", Token = "ghp_x", UserAgent = " " };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("numeric id", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("PrivateKeyPath", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("both set", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("UserAgent", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_KeyNotPem_FailsWithoutEchoingTheKey()
    {
        const string secret = "not-a-key-but-a-secret-value-1234567890";
        var result = _validator.Validate(null, new GitHubOptions { ClientId = "Iv1.x", PrivateKey = secret });

        Assert.True(result.Failed);
        Assert.Contains("GitHub:PrivateKey is not a readable PEM RSA private key", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFileMissing_Fails()
    {
        var result = _validator.Validate(null, new GitHubOptions { AppId = "1", PrivateKeyPath = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pem") });

        Assert.Contains("does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFileWithEscapedNewlines_Succeeds()
    {
        using var key = RSA.Create(2048);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pem");
        File.WriteAllText(path, key.ExportRSAPrivateKeyPem());
        try
        {
            Assert.True(_validator.Validate(null, new GitHubOptions { AppId = "1", PrivateKeyPath = path }).Succeeded);
            Assert.True(_validator.Validate(null, new GitHubOptions { AppId = "1", PrivateKey = key.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal) }).Succeeded);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(false, typeof(DryRunPublisher))]
    [InlineData(true, typeof(GitHubReviewPublisher))]
    public void AddReviewBotGitHub_Credentials_ChoosesPublisher(bool withToken, Type expected)
    {
        var settings = new Dictionary<string, string?>();
        if (withToken)
        {
            settings["GitHub:Token"] = "ghp_x";
        }

        using var services = new ServiceCollection().AddLogging()
            .AddReviewBotGitHub(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

        Assert.IsType(expected, services.GetRequiredService<IReviewPublisher>());
        Assert.IsType<GitHub.Sources.GitHubPullRequestSource>(services.GetRequiredService<Core.Pipeline.IPullRequestSource>());
    }

    [Fact]
    public void AddReviewBotGitHub_InvalidSettings_StartupFailureListsAll()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:ApiBaseUrl"] = "ftp://example",
            ["GitHub:ClientId"] = "Iv1.x",
            ["GitHub:MaxRetries"] = "99",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddReviewBotGitHub(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GitHubOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("MaxRetries", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ApiBaseUrl", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PrivateKeyPath", StringComparison.Ordinal));
    }
}
