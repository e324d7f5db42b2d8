using System.Collections.Concurrent;
using System.Text.Json;

namespace ReviewBot.Simulators.OpenAi;

/// <summary>
/// An OpenAI-compatible model server for tests, on a loopback port: <c>POST /v1/chat/completions</c> and
/// <c>POST /v1/completions</c>, plain JSON or server-sent events, answering from a script (a queue of replies or a
/// function of the request) with optional faults. It records every request, so tests can read the prompts a model
/// would have seen. A request nobody scripted gets HTTP 500 and is counted in <see cref="UnexpectedRequests"/>.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeOpenAiReply> _queue = new();
    private readonly ConcurrentQueue<FakeOpenAiRequest> _requests = new();
    private int _unexpected;

    private FakeOpenAiServer(WebApplication app, Func<FakeOpenAiRequest, FakeOpenAiReply>? script)
    {
        _app = app;
        Script = script;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Answers requests when set; otherwise replies are taken from the queue.</summary>
    public Func<FakeOpenAiRequest, FakeOpenAiReply>? Script { get; set; }

    /// <summary>When set, requests without <c>Authorization: Bearer {key}</c> get HTTP 401.</summary>
    public string? RequiredApiKey { get; set; }

    public IReadOnlyList<FakeOpenAiRequest> Requests => [.. _requests];

    public int UnexpectedRequests => Volatile.Read(ref _unexpected);

    public static async Task<FakeOpenAiServer> StartAsync(Func<FakeOpenAiRequest, FakeOpenAiReply>? script = null, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app, script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapPost("/v1/completions", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        // After start, Urls holds the bound addresses, with the port the OS chose for ":0".
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void Enqueue(params FakeOpenAiReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _queue.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        FakeOpenAiRequest request;
        try
        {
            request = FakeOpenAiWire.ReadRequest(http.Request.Path, body, http.Request.Headers.Authorization.ToString());
        }
        catch (JsonException)
        {
            await FakeOpenAiWire.WriteErrorAsync(http, 400, "invalid_request_error", "The body is not JSON.").ConfigureAwait(false);
            return;
        }

        _requests.Enqueue(request);
        if (RequiredApiKey is not null && request.Authorization != "Bearer " + RequiredApiKey)
        {
            await FakeOpenAiWire.WriteErrorAsync(http, 401, "invalid_api_key", "Incorrect API key provided.").ConfigureAwait(false);
            return;
        }

        var reply = Script?.Invoke(request) ?? (_queue.TryDequeue(out var next) ? next : null);
        if (reply is null)
        {
            Interlocked.Increment(ref _unexpected);
            await FakeOpenAiWire.WriteErrorAsync(http, 500, "server_error", "The fake server had no reply scripted for this request.").ConfigureAwait(false);
            return;
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await FakeOpenAiWire.WriteReplyAsync(http, request, reply).ConfigureAwait(false);
    }
}
