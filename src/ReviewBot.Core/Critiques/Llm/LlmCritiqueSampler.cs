using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Critiques.Prompts;
using ReviewBot.Core.Critiques.Text;
using ReviewBot.Core.Diffs;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Critiques.Llm;

/// <summary>
/// FSBS's sampler over a language model. Completions mode forces a highlight for real: the prompt ends with the
/// critique so far and the opening of a quote, and every highlight the model writes until it stops is kept.
/// Chat mode emulates it: the critique so far is the assistant's previous answer and the model is asked for
/// exactly one more highlight. Every bad answer (error, timeout, malformed, cut off, off-format) is dropped and
/// counted; quotes not in the change are dropped as hallucinations.
/// </summary>
public sealed partial class LlmCritiqueSampler : ICritiqueSampler, IPromptVersioned, ICriticInputSnapshot
{
    private readonly CriticPrompt _prompt;
    private readonly UnifiedDiff _diff;
    private readonly CriticOptions _options;
    private readonly IChatClient? _chat;
    private readonly ITextCompletionClient? _completions;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly TokenBudget _budget;
    private readonly long _seed;
    private int _requestIndex;

    public LlmCritiqueSampler(
        CriticPrompt prompt, UnifiedDiff diff, CriticOptions options, IChatClient? chat, ITextCompletionClient? completions, int seed, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if ((options.Mode == LlmMode.Chat && chat is null) || (options.Mode == LlmMode.Completions && completions is null))
        {
            throw new ArgumentException($"Mode {options.Mode} needs its client.", nameof(options));
        }

        (_prompt, _diff, _options, _chat, _completions, _logger) = (prompt, diff, options, chat, completions, logger);
        _gate = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        _budget = new TokenBudget(options.TokenBudgetPerReview);
        _seed = seed;
    }

    public SamplerStats Stats { get; } = new();

    public string PromptVersion => _prompt.Version;

    /// <summary>The redacted change, snippets and budget <see cref="_prompt"/> was built from.</summary>
    public CriticInput? Input { get; init; }

    public TokenBudget Budget => _budget;

    public async Task<IReadOnlyList<Critique>> SampleAsync(Critique prefix, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (count <= 0)
        {
            return [];
        }

        prefix = prefix with { Closing = null };
        if (_options.Mode == LlmMode.Completions && _options.BatchSamples)
        {
            return await CompleteAsync(prefix, count, cancellationToken).ConfigureAwait(false);
        }

        var samples = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => _options.Mode == LlmMode.Chat
            ? ChatAsync(prefix, cancellationToken)
            : CompleteAsync(prefix, 1, cancellationToken))).ConfigureAwait(false);
        return [.. samples.SelectMany(static s => s)];
    }

    public ValueTask DisposeAsync()
    {
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IReadOnlyList<Critique>> CompleteAsync(Critique prefix, int count, CancellationToken cancellationToken)
    {
        var nonce = CriticPrompt.NewNonce();
        var prompt = _prompt.CompletionPrompt(prefix, nonce);
        var request = new TextCompletionOptions
        {
            Count = count,
            Temperature = _options.Temperature,
            MaxTokens = _options.MaxTokens,
            Stop = ["<<<DATA", "<<<END"],
            Seed = NextSeed(),
            Stream = _options.Stream,
        };
        var answers = await SendAsync(prompt, count, async token =>
        {
            var result = await _completions!.CompleteAsync(prompt, request, token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return new Answers([], null, null, result.Error);
            }

            return new Answers([.. result.Completions.Select(static c => (CritiqueTextWriter.QuoteOpening + c.Text, c.IsTruncated))], result.PromptTokens, result.CompletionTokens, null);
        }, cancellationToken).ConfigureAwait(false);

        var critiques = new List<Critique>();
        foreach (var (text, truncated) in answers)
        {
            if (Interpret(prefix, text, truncated, onlyFirst: false) is { } critique)
            {
                critiques.Add(critique);
            }
        }

        return critiques;
    }

    private async Task<IReadOnlyList<Critique>> ChatAsync(Critique prefix, CancellationToken cancellationToken)
    {
        var nonce = CriticPrompt.NewNonce();
        var messages = _prompt.ChatMessages(prefix, nonce);
        var options = new ChatOptions
        {
            Temperature = (float)_options.Temperature,
            MaxOutputTokens = _options.MaxTokens,
            Seed = NextSeed(),
        };
        var promptText = string.Concat(messages.Select(static m => m.Text));
        var answers = await SendAsync(promptText, 1, async token =>
        {
            var response = _options.Stream
                ? await _chat!.GetStreamingResponseAsync(messages, options, token).ToChatResponseAsync(token).ConfigureAwait(false)
                : await _chat!.GetResponseAsync(messages, options, token).ConfigureAwait(false);
            var truncated = response.FinishReason is null || response.FinishReason == ChatFinishReason.Length;
            return new Answers([(response.Text, truncated)], response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, null);
        }, cancellationToken).ConfigureAwait(false);

        var critiques = new List<Critique>();
        foreach (var (text, truncated) in answers)
        {
            if (IsNoFurtherIssues(text))
            {
                continue;
            }

            if (Interpret(prefix, text, truncated, onlyFirst: true) is { } critique)
            {
                critiques.Add(critique);
            }
        }

        return critiques;
    }

    /// <summary>Sends one request within the budget, the concurrency limit and the timeout; a failure is counted, never thrown.</summary>
    private async Task<IReadOnlyList<(string Text, bool Truncated)>> SendAsync(
        string prompt, int samples, Func<CancellationToken, Task<Answers>> send, CancellationToken cancellationToken)
    {
        var reserved = TokenBudget.Estimate(prompt) + ((long)_options.MaxTokens * samples);
        if (!_budget.TryReserve(reserved))
        {
            if (!Stats.BudgetExhausted)
            {
                Log.BudgetExhausted(_logger, _budget.Limit, _budget.Spent);
            }

            Stats.MarkBudgetExhausted();
            return [];
        }

        var used = 0L;
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _budget.Settle(reserved, 0);
            throw;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            Stats.AddRequest();
            var answers = await send(timeout.Token).ConfigureAwait(false);
            var completionText = answers.Texts.Sum(static a => (long)a.Text.Length);
            var promptTokens = answers.PromptTokens ?? TokenBudget.Estimate(prompt);
            var completionTokens = answers.CompletionTokens ?? (completionText / 3);
            used = promptTokens + completionTokens;
            Stats.AddTokens(promptTokens, completionTokens);
            if (answers.Error is not null)
            {
                Log.RequestFailed(_logger, answers.Error);
                Stats.AddMalformedAnswer();
                return [];
            }

            if (answers.Texts.Count == 0)
            {
                Log.RequestFailed(_logger, "no choices in the answer");
                Stats.AddMalformedAnswer();
            }

            return answers.Texts;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RequestTimedOut(_logger, _options.Timeout);
            Stats.AddMalformedAnswer();
            return [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The model server is outside ReviewBot: whatever it or the network does, the review goes on without this sample.
            Log.RequestFailed(_logger, ex.GetType().Name);
            Stats.AddMalformedAnswer();
            return [];
        }
        finally
        {
            _gate.Release();
            _budget.Settle(reserved, used);
        }
    }

    /// <summary>Turns one answer into the prefix plus its new, validated highlights; null (and counted) when nothing usable.</summary>
    private Critique? Interpret(Critique prefix, string text, bool truncated, bool onlyFirst)
    {
        var parsed = CritiqueTextParser.Parse(text);
        var highlights = parsed.Highlights.ToList();
        var closing = parsed.Closing;
        if (truncated)
        {
            // Cut off: whatever came last may be cut mid-sentence (the closing, or else the last highlight's comment).
            if (closing is not null)
            {
                closing = null;
            }
            else if (highlights.Count > 0 && !parsed.EndsIncomplete)
            {
                highlights.RemoveAt(highlights.Count - 1);
            }
        }

        if (highlights.Count == 0)
        {
            Log.AnswerUnusable(_logger, truncated ? "cut off before a complete highlight" : "no complete highlight");
            Stats.AddMalformedAnswer();
            return null;
        }

        var resolved = HighlightResolver.Resolve(_diff, highlights, prefix);
        Stats.AddDroppedHallucinations(resolved.Hallucinations);
        var added = onlyFirst ? resolved.Highlights.Take(1).ToList() : resolved.Highlights;
        if (added.Count == 0)
        {
            return null;
        }

        return new Critique { Highlights = prefix.Highlights.AddRange(added), Closing = onlyFirst ? null : closing };
    }

    private static bool IsNoFurtherIssues(string text)
    {
        var trimmed = text.Trim().Trim('*', '_', '`', '.', ' ');
        return trimmed.Equals(CriticPromptTemplates.NoFurtherIssues, StringComparison.OrdinalIgnoreCase);
    }

    private long NextSeed() => unchecked((_seed * 1_000_003) + Interlocked.Increment(ref _requestIndex));

    private sealed record Answers(IReadOnlyList<(string Text, bool Truncated)> Texts, long? PromptTokens, long? CompletionTokens, string? Error);

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "LLM request failed and its samples were dropped: {Reason}")]
        public static partial void RequestFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "LLM request timed out after {Timeout}; its samples were dropped")]
        public static partial void RequestTimedOut(ILogger logger, TimeSpan timeout);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "LLM answer dropped: {Reason}")]
        public static partial void AnswerUnusable(ILogger logger, string reason);

        [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Token budget of {Limit} for this review is spent ({Spent} used); sampling stops")]
        public static partial void BudgetExhausted(ILogger logger, long limit, long spent);
    }
}
