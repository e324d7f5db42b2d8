using ReviewBot.Core.Critiques;

namespace ReviewBot.Core.Tests.Critiques;

public sealed class CriticOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.True(new CriticOptionsValidator().Validate(null, new CriticOptions()).Succeeded);
        var configured = new CriticOptions { Endpoint = new Uri("http://127.0.0.1:8080"), Model = "qwen" };
        Assert.True(new CriticOptionsValidator().Validate(null, configured).Succeeded);
        Assert.Equal((LlmMode.Chat, 0.7, 512, TimeSpan.FromSeconds(60), 4), (configured.Mode, configured.Temperature, configured.MaxTokens, configured.Timeout, configured.Concurrency));
    }

    [Fact]
    public void Validate_EverythingWrong_ListsEveryFailure()
    {
        var options = new CriticOptions
        {
            Endpoint = new Uri("ftp://models.example"),
            Model = " ",
            Mode = (LlmMode)9,
            Temperature = 0,
            MaxTokens = 4,
            Timeout = TimeSpan.FromDays(60),
            Concurrency = 0,
            TokenBudgetPerReview = 1,
            MaxContextCharacters = 10,
            MaxRetries = 9,
            PromptVersion = "critic-v0",
        };

        var result = new CriticOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(11, failures.Count);
        Assert.Contains(failures, static f => f.Contains("Critic:Endpoint", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.Contains("Critic:Model", StringComparison.Ordinal));
        Assert.Contains(failures, static f => f.Contains("critic-v1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ApiKeyOverPlainHttpToRemoteHost_Fails()
    {
        var options = new CriticOptions { Endpoint = new Uri("http://models.example/v1"), Model = "m", ApiKey = "k-123456789" };

        var result = new CriticOptionsValidator().Validate(null, options);

        Assert.Contains("clear text", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ModelWithoutEndpoint_Fails()
    {
        Assert.True(new CriticOptionsValidator().Validate(null, new CriticOptions { Model = "m" }).Failed);
    }
}
