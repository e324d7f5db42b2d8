using Microsoft.Extensions.AI;
using ReviewBot.Core.Critiques;
using ReviewBot.Simulators.OpenAi;

namespace ReviewBot.Llm.Tests;

public sealed class OpenAiChatClientTests
{
    private static readonly ChatMessage[] Messages = [new(ChatRole.System, "be brief"), new(ChatRole.User, "hello"), new(ChatRole.Assistant, "so far"), new(ChatRole.User, "more")];

    private static (OpenAiChatClient Client, HttpClient Http) Create(FakeOpenAiServer server, string? apiKey = "k-1234567890")
    {
        var http = new HttpClient();
        var options = new CriticOptions { Endpoint = server.BaseAddress, Model = "m1", ApiKey = apiKey, MaxRetries = 0 };
        return (LlmServiceCollectionExtensions.CreateChatClient(options, http), http);
    }

    [Fact]
    public async Task GetResponseAsync_MapsMessagesOptionsUsageAndFinishReason()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => new FakeOpenAiReply { Texts = ["answer"], FinishReason = "length", PromptTokens = 11, CompletionTokens = 7 });
        var (client, http) = Create(server);
        using var _ = http;

        var response = await client.GetResponseAsync(Messages, new ChatOptions { Temperature = 0.7f, MaxOutputTokens = 99, Seed = 42, StopSequences = ["<<<END"] });

        Assert.Equal("answer", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal((11L, 7L, 18L), (response.Usage!.InputTokenCount, response.Usage.OutputTokenCount, response.Usage.TotalTokenCount));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("m1", request.Model);
        Assert.Equal(["system", "user", "assistant", "user"], request.Messages.Select(static m => m.Role));
        Assert.Equal("so far", request.Messages[2].Content);
        Assert.Equal(0.7, request.Temperature!.Value, 3);
        Assert.Equal(99, request.MaxTokens);
        Assert.Equal(42, request.Seed);
        Assert.Equal(["<<<END"], request.Stop);
        Assert.Equal("Bearer k-1234567890", request.Authorization);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_AssemblesTextAndUsage()
    {
        var text = "```csharp a.cs:1\nvar x = 1;\n```\n[bug] A long enough answer to span several chunks.";
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiReply.Text(text));
        var (client, http) = Create(server);
        using var _ = http;

        var response = await client.GetStreamingResponseAsync(Messages).ToChatResponseAsync();

        Assert.Equal(text, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.True(Assert.Single(server.Requests).Stream);
    }

    [Fact]
    public async Task GetResponseAsync_NoApiKey_SendsPlaceholderForLocalServers()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiReply.Text("ok"));
        var (client, http) = Create(server, apiKey: null);
        using var _ = http;

        Assert.Equal("ok", (await client.GetResponseAsync(Messages)).Text);
        Assert.Equal("Bearer no-key", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task GetResponseAsync_ServerError_Throws()
    {
        await using var server = await FakeOpenAiServer.StartAsync(_ => FakeOpenAiReply.Failing(FakeFault.Http500));
        var (client, http) = Create(server);
        using var _ = http;

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync(Messages));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void GetService_ReturnsMetadataWithEndpointAndModel()
    {
        using var http = new HttpClient();
        var client = LlmServiceCollectionExtensions.CreateChatClient(new CriticOptions { Endpoint = new Uri("http://127.0.0.1:9/"), Model = "m2" }, http);

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("m2", metadata!.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/"), metadata.ProviderUri);
        Assert.Same(client, client.GetService<IChatClient>());
    }
}
