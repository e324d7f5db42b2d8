using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Critiques.Llm;

namespace ReviewBot.Llm;

/// <summary>
/// <see cref="ITextCompletionClient"/> over <c>POST {endpoint}/v1/completions</c> (the OpenAI SDK 2.x keeps its
/// legacy completions client internal). Plain and streamed (server-sent events) answers; 429 and 5xx are retried
/// with jittered back-off; every other failure comes back as an error value.
/// </summary>
public sealed partial class OpenAiCompletionClient(HttpClient http, Uri endpoint, string model, string? apiKey, int maxRetries, ILogger<OpenAiCompletionClient> logger)
    : ITextCompletionClient
{
    /// <summary>Longest wait a server's Retry-After may impose before ReviewBot gives up on the request instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private readonly Uri _completions = new(OpenAiEndpoint.Normalize(endpoint), "completions");

    public async Task<TextCompletionResult> CompleteAsync(string prompt, TextCompletionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonSerializer.Serialize(new CompletionRequest
        {
            Model = model,
            Prompt = prompt,
            N = options.Count,
            Temperature = options.Temperature,
            MaxTokens = options.MaxTokens,
            Stop = options.Stop.Count == 0 ? null : options.Stop,
            Seed = options.Seed,
            Stream = options.Stream,
            StreamOptions = options.Stream ? new StreamOptions(IncludeUsage: true) : null,
        }, OpenAiJsonContext.Default.CompletionRequest);

        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _completions) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (!string.IsNullOrEmpty(apiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(options.Stream ? "text/event-stream" : "application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return options.Stream
                    ? await ReadStreamAsync(response, cancellationToken).ConfigureAwait(false)
                    : await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            }

            var status = (int)response.StatusCode;
            var delay = RetryDelay(response, attempt);
            if (attempt >= maxRetries || !IsTransient(response.StatusCode) || delay is null)
            {
                Log.RequestFailed(logger, status, attempt + 1);
                return TextCompletionResult.Failed($"HTTP {status} from the completions endpoint", status);
            }

            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<TextCompletionResult> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        CompletionResponse? answer;
        try
        {
            answer = JsonSerializer.Deserialize(text, OpenAiJsonContext.Default.CompletionResponse);
        }
        catch (JsonException)
        {
            return TextCompletionResult.Failed("unreadable JSON from the completions endpoint");
        }

        if (answer?.Choices is null)
        {
            return TextCompletionResult.Failed("no choices in the completions answer");
        }

        return new TextCompletionResult
        {
            Completions = [.. answer.Choices.OrderBy(static c => c.Index).Select(static c => new TextCompletion(c.Text ?? "", c.FinishReason))],
            PromptTokens = answer.Usage?.PromptTokens,
            CompletionTokens = answer.Usage?.CompletionTokens,
        };
    }

    /// <summary>
    /// Assembles <c>data: {chunk}</c> events per choice index until <c>data: [DONE]</c>. A stream that ends early
    /// leaves its choices without a finish reason, which marks them truncated.
    /// </summary>
    private static async Task<TextCompletionResult> ReadStreamAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var texts = new SortedDictionary<int, StringBuilder>();
        var finish = new Dictionary<int, string?>();
        CompletionUsage? usage = null;
        var done = false;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            try
            {
                while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    if (!line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var data = line[5..].Trim();
                    if (data == "[DONE]")
                    {
                        done = true;
                        break;
                    }

                    CompletionResponse? chunk;
                    try
                    {
                        chunk = JsonSerializer.Deserialize(data, OpenAiJsonContext.Default.CompletionResponse);
                    }
                    catch (JsonException)
                    {
                        return TextCompletionResult.Failed("unreadable event in the completions stream");
                    }

                    usage = chunk?.Usage ?? usage;
                    foreach (var choice in chunk?.Choices ?? [])
                    {
                        if (!texts.TryGetValue(choice.Index, out var text))
                        {
                            texts[choice.Index] = text = new StringBuilder();
                        }

                        text.Append(choice.Text);
                        if (choice.FinishReason is not null)
                        {
                            finish[choice.Index] = choice.FinishReason;
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // The connection dropped mid-stream: what arrived is kept, marked as cut off below.
                done = false;
            }
        }

        if (texts.Count == 0)
        {
            return TextCompletionResult.Failed(done ? "no choices in the completions stream" : "the completions stream ended before any text");
        }

        return new TextCompletionResult
        {
            Completions = [.. texts.Select(t => new TextCompletion(t.Value.ToString(), done ? finish.GetValueOrDefault(t.Key) : null))],
            PromptTokens = usage?.PromptTokens,
            CompletionTokens = usage?.CompletionTokens,
        };
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    /// <summary>Retry-After when the server gives one (null when it asks for longer than <see cref="MaxRetryAfter"/>), else 0.5 s · 2^attempt ± 50 %.</summary>
    private static TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        var asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (asked is { } wait)
        {
            return wait > MaxRetryAfter ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        var jitter = 0.5 + Random.Shared.NextDouble();
        return TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt) * jitter);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Completions request failed with HTTP {Status} after {Attempts} attempt(s)")]
        public static partial void RequestFailed(ILogger logger, int status, int attempts);
    }
}
