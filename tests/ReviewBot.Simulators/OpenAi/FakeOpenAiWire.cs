using System.Text;
using System.Text.Json;

namespace ReviewBot.Simulators.OpenAi;

/// <summary>The OpenAI wire format as the fake server reads and writes it (chat and text completions, JSON and SSE).</summary>
internal static class FakeOpenAiWire
{
    private const int ChunkLength = 16;

    public static FakeOpenAiRequest ReadRequest(string path, string body, string? authorization)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var messages = new List<(string Role, string Content)>();
        if (root.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in list.EnumerateArray())
            {
                messages.Add((message.GetProperty("role").GetString() ?? "", ReadContent(message.GetProperty("content"))));
            }
        }

        var prompt = root.TryGetProperty("prompt", out var p) ? ReadContent(p) : string.Join("\n\n", messages.Select(static m => m.Content));
        return new FakeOpenAiRequest
        {
            Path = path,
            Model = root.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "",
            Prompt = prompt,
            Messages = messages,
            N = Int(root, "n") ?? 1,
            Temperature = root.TryGetProperty("temperature", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : null,
            MaxTokens = Int(root, "max_tokens") ?? Int(root, "max_completion_tokens"),
            Seed = root.TryGetProperty("seed", out var seed) && seed.ValueKind == JsonValueKind.Number ? seed.GetInt64() : null,
            Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            Stop = root.TryGetProperty("stop", out var stop) ? ReadStop(stop) : [],
            Authorization = string.IsNullOrEmpty(authorization) ? null : authorization,
            Body = body,
        };
    }

    public static async Task WriteErrorAsync(HttpContext http, int status, string type, string message)
    {
        http.Response.StatusCode = status;
        if (status == 429)
        {
            http.Response.Headers.RetryAfter = "0";
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(Json(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteEndObject();
        }), http.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteReplyAsync(HttpContext http, FakeOpenAiRequest request, FakeOpenAiReply reply)
    {
        switch (reply.Fault)
        {
            case FakeFault.Http500:
                await WriteErrorAsync(http, 500, "server_error", "The server had an error while processing your request.").ConfigureAwait(false);
                return;
            case FakeFault.Http429:
                await WriteErrorAsync(http, 429, "rate_limit_exceeded", "Rate limit reached.").ConfigureAwait(false);
                return;
        }

        var texts = Enumerable.Range(0, Math.Max(1, request.N)).Select(i => reply.Texts.Count == 0 ? "" : reply.Texts[i % reply.Texts.Count]).ToList();
        var promptTokens = reply.PromptTokens ?? ((request.Prompt.Length / 4) + 1);
        var completionTokens = reply.CompletionTokens ?? texts.Sum(static t => (t.Length / 4) + 1);
        if (request.Stream)
        {
            await WriteStreamAsync(http, request, reply, texts, promptTokens, completionTokens).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json";
        var body = Json(w =>
        {
            w.WriteString("id", request.IsChat ? "chatcmpl-fake" : "cmpl-fake");
            w.WriteString("object", request.IsChat ? "chat.completion" : "text_completion");
            w.WriteNumber("created", 1_700_000_000);
            w.WriteString("model", request.Model);
            w.WriteStartArray("choices");
            for (var i = 0; i < texts.Count; i++)
            {
                WriteChoice(w, request.IsChat, i, texts[i], reply.FinishReason, delta: false);
            }

            w.WriteEndArray();
            WriteUsage(w, promptTokens, completionTokens);
        });
        if (reply.Fault == FakeFault.MalformedJson)
        {
            body = body[..(body.Length / 2)] + "\"}}{";
        }
        else if (reply.Fault == FakeFault.TruncatedStream)
        {
            body = body[..(body.Length / 2)];
        }

        await http.Response.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteStreamAsync(HttpContext http, FakeOpenAiRequest request, FakeOpenAiReply reply, List<string> texts, int promptTokens, int completionTokens)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var events = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var index = i;
            for (var at = 0; at < texts[i].Length; at += ChunkLength)
            {
                var piece = texts[i].Substring(at, Math.Min(ChunkLength, texts[i].Length - at));
                events.Add(Chunk(request, w => WriteChoice(w, request.IsChat, index, piece, null, delta: true)));
            }

            events.Add(Chunk(request, w => WriteChoice(w, request.IsChat, index, "", reply.FinishReason, delta: true)));
        }

        events.Add(Chunk(request, w => WriteUsage(w, promptTokens, completionTokens), emptyChoices: true));
        if (reply.Fault == FakeFault.MalformedJson)
        {
            events.Insert(events.Count / 2, "{\"choices\": [ {\"index\": 0, \"delta\": ");
        }

        var cut = reply.Fault == FakeFault.TruncatedStream ? Math.Max(1, events.Count / 2) : events.Count;
        foreach (var data in events.Take(cut))
        {
            await http.Response.WriteAsync($"data: {data}\n\n", http.RequestAborted).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        }

        if (reply.Fault == FakeFault.TruncatedStream)
        {
            // The body ends here, without the final events and without [DONE], as when a server dies mid-answer.
            return;
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted).ConfigureAwait(false);
    }

    private static string Chunk(FakeOpenAiRequest request, Action<Utf8JsonWriter> write, bool emptyChoices = false) => Json(w =>
    {
        w.WriteString("id", request.IsChat ? "chatcmpl-fake" : "cmpl-fake");
        w.WriteString("object", request.IsChat ? "chat.completion.chunk" : "text_completion");
        w.WriteNumber("created", 1_700_000_000);
        w.WriteString("model", request.Model);
        if (emptyChoices)
        {
            w.WriteStartArray("choices");
            w.WriteEndArray();
            write(w);
        }
        else
        {
            w.WriteStartArray("choices");
            write(w);
            w.WriteEndArray();
        }
    });

    private static void WriteChoice(Utf8JsonWriter w, bool chat, int index, string text, string? finishReason, bool delta)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (chat)
        {
            w.WriteStartObject(delta ? "delta" : "message");
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            w.WriteEndObject();
        }
        else
        {
            w.WriteString("text", text);
            w.WriteNull("logprobs");
        }

        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, int prompt, int completion)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ReadContent(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString() ?? "",
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(static part => part.ValueKind == JsonValueKind.String
            ? part.GetString()
            : part.TryGetProperty("text", out var text) ? text.GetString() : "")),
        _ => "",
    };

    private static List<string> ReadStop(JsonElement stop) => stop.ValueKind switch
    {
        JsonValueKind.String => [stop.GetString() ?? ""],
        JsonValueKind.Array => [.. stop.EnumerateArray().Select(static s => s.GetString() ?? "")],
        _ => [],
    };

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
