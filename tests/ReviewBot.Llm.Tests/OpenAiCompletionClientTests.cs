using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Core.Critiques.Llm;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

public sealed class OpenAiCompletionClientTests
{
    private static OpenAiCompletionClient Create(FakeOpenAiServer server, HttpClient http, int retries = 0, string? key = "k-abcdefghij") =>
        new(http, new Uri(server.BaseAddress, "v1"), "m1", key, retries, NullLogger<OpenAiCompletionClient>.Instance);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteAsync_NChoices_ComeBackInOrderWithUsage(bool stream)
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => new FakeOpenAiReply { Texts = ["first choice, long enough to be chunked", "second"], PromptTokens = 5, CompletionTokens = 9 });
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("prompt ```", new TextCompletionOptions { Count = 2, Temperature = 0.5, MaxTokens = 64, Stop = ["<<<END"], Seed = 3, Stream = stream }, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(["first choice, long enough to be chunked", "second"], result.Completions.Select(static c => c.Text));
        Assert.All(result.Completions, static c => Assert.False(c.IsTruncated));
        Assert.Equal((5L, 9L), (result.PromptTokens, result.CompletionTokens));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/completions", request.Path);
        Assert.Equal(("prompt ```", 2, 64, 3L, stream), (request.Prompt, request.N, request.MaxTokens!.Value, request.Seed!.Value, request.Stream));
        Assert.Equal(["<<<END"], request.Stop);
        Assert.Equal("Bearer k-abcdefghij", request.Authorization);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteAsync_LengthFinish_IsTruncated(bool stream)
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => new FakeOpenAiReply { Texts = ["cut"], FinishReason = "length" });
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("p", new TextCompletionOptions { Stream = stream }, CancellationToken.None);

        Assert.True(Assert.Single(result.Completions).IsTruncated);
    }

    [Fact]
    public async Task CompleteAsync_StreamCutOff_KeepsTextMarkedTruncated()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => new FakeOpenAiReply { Texts = ["a reasonably long text that arrives in many pieces"], Fault = FakeFault.TruncatedStream });
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("p", new TextCompletionOptions { Stream = true }, CancellationToken.None);

        var completion = Assert.Single(result.Completions);
        Assert.True(completion.IsTruncated);
        Assert.StartsWith("a reasonably", completion.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CompleteAsync_MalformedJson_IsAnErrorValue(bool stream)
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => new FakeOpenAiReply { Texts = ["x"], Fault = FakeFault.MalformedJson });
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("p", new TextCompletionOptions { Stream = stream }, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("unreadable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteAsync_ServerErrorWithoutRetries_IsAnErrorValueWithStatus()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiReply.Failing(FakeFault.Http500));
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("p", new TextCompletionOptions(), CancellationToken.None);

        Assert.Equal(500, result.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CompleteAsync_RateLimitedOnce_RetriesAndSucceeds()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(FakeOpenAiReply.Failing(FakeFault.Http429), FakeOpenAiReply.Text("ok"));
        using var http = new HttpClient();

        var result = await Create(server, http, retries: 1).CompleteAsync("p", new TextCompletionOptions(), CancellationToken.None);

        Assert.Equal("ok", Assert.Single(result.Completions).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CompleteAsync_NoKey_SendsNoAuthorization()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiReply.Text("ok"));
        using var http = new HttpClient();

        await Create(server, http, key: null).CompleteAsync("p", new TextCompletionOptions(), CancellationToken.None);

        Assert.Null(Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task CompleteAsync_Unscripted_IsCountedByTheServer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var http = new HttpClient();

        var result = await Create(server, http).CompleteAsync("p", new TextCompletionOptions(), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal(1, server.UnexpectedRequests);
    }
}
