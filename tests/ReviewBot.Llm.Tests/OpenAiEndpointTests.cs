namespace ReviewBot.Llm.Tests;

public sealed class OpenAiEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/")]
    [InlineData("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/")]
    [InlineData("https://api.openai.com/v1/", "https://api.openai.com/v1/")]
    [InlineData("https://x.openai.azure.com/openai/v1", "https://x.openai.azure.com/openai/v1/")]
    [InlineData("http://localhost:11434/v1/chat/completions", "http://localhost:11434/v1/")]
    [InlineData("http://localhost:8000/v1/completions?x=1", "http://localhost:8000/v1/")]
    [InlineData("http://gpu-box/llm", "http://gpu-box/llm/v1/")]
    public void Normalize_VariousForms_EndInV1(string given, string expected)
    {
        Assert.Equal(new Uri(expected), OpenAiEndpoint.Normalize(new Uri(given)));
    }

    [Fact]
    public void Normalize_RelativeUri_Throws()
    {
        Assert.Throws<ArgumentException>(() => OpenAiEndpoint.Normalize(new Uri("/v1", UriKind.Relative)));
    }
}
