using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAiChatMessage = OpenAI.Chat.ChatMessage;
using OpenAiFinishReason = OpenAI.Chat.ChatFinishReason;

namespace ReviewBot.Llm;

/// <summary>
/// Adapts the OpenAI SDK's <see cref="ChatClient"/> to <see cref="IChatClient"/>: text messages, temperature,
/// token limit, stop sequences, seed, usage and finish reason, with and without streaming. The SDK offers no
/// <c>n</c> on chat requests, so ReviewBot samples chat models with parallel requests.
/// </summary>
public sealed class OpenAiChatClient(ChatClient client, Uri endpoint, string model) : IChatClient
{
    private readonly ChatClientMetadata _metadata = new("openai-compatible", endpoint, model);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await client.CompleteChatAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken).ConfigureAwait(false);
        var completion = result.Value;
        var text = string.Concat(completion.Content.Where(static p => p.Kind == ChatMessageContentPartKind.Text).Select(static p => p.Text));
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, text))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AiChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = client.CompleteChatStreamingAsync(ToOpenAi(messages), ToOpenAi(options), cancellationToken);
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && part.Text is { Length: > 0 } text)
                {
                    contents.Add(new TextContent(text));
                }
            }

            if (ToUsage(update.Usage) is { } usage)
            {
                contents.Add(new UsageContent(usage));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = update.CompletionId,
                MessageId = update.CompletionId,
                ModelId = update.Model,
                CreatedAt = update.CreatedAt,
                FinishReason = update.FinishReason is { } reason ? ToFinishReason(reason) : null,
                RawRepresentation = update,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ChatClient) ? client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The SDK client owns no unmanaged state; its HttpClient belongs to IHttpClientFactory.
    }

    internal static List<OpenAiChatMessage> ToOpenAi(IEnumerable<AiChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<OpenAiChatMessage>();
        foreach (var message in messages)
        {
            var text = message.Text;
            if (message.Role == ChatRole.System)
            {
                result.Add(new SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(new AssistantChatMessage(text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new UserChatMessage(text));
            }
            else
            {
                throw new NotSupportedException($"Chat role '{message.Role}' is not used by ReviewBot.");
            }
        }

        return result;
    }

    internal static ChatCompletionOptions ToOpenAi(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
#pragma warning disable OPENAI001 // The SDK marks Seed experimental; a server that ignores it just samples unseeded.
        result.Seed = options.Seed;
#pragma warning restore OPENAI001
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        return result;
    }

    internal static AiFinishReason? ToFinishReason(OpenAiFinishReason reason) => reason switch
    {
        OpenAiFinishReason.Stop => AiFinishReason.Stop,
        OpenAiFinishReason.Length => AiFinishReason.Length,
        OpenAiFinishReason.ContentFilter => AiFinishReason.ContentFilter,
        OpenAiFinishReason.ToolCalls or OpenAiFinishReason.FunctionCall => AiFinishReason.ToolCalls,
        _ => null,
    };

    internal static UsageDetails? ToUsage(ChatTokenUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokenCount,
        OutputTokenCount = usage.OutputTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
    };

    /// <summary>Local servers need no key, but the SDK insists on one: a placeholder stands in.</summary>
    internal static ApiKeyCredential Credential(string? apiKey) =>
        new(string.IsNullOrEmpty(apiKey) ? "no-key" : apiKey);
}
