using ReviewBot.Core.Pipeline;

namespace ReviewBot.Core.Critiques;

/// <summary>
/// A source of critiques. A critic prepares once per change (compile, build the prompt) and then hands out a
/// sampler that FSBS calls round after round.
/// </summary>
public interface ICritic
{
    /// <summary>A stable name recorded with every review, e.g. <c>offline</c> or <c>llm:gpt-4o-mini</c>.</summary>
    string Name { get; }

    /// <summary>Prepares a sampler for <paramref name="context"/>.</summary>
    Task<ICritiqueSampler> StartAsync(ChangeContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Proposes continuations of a critique. Each continuation is the prefix plus at least one forced highlight
/// (the paper's "force a highlight, sample until the model stops").
/// </summary>
public interface ICritiqueSampler : IAsyncDisposable
{
    /// <summary>Samples up to <paramref name="count"/> continuations of <paramref name="prefix"/>.</summary>
    /// <remarks>Fewer (or none) come back when the critic has nothing more to say.</remarks>
    Task<IReadOnlyList<Critique>> SampleAsync(Critique prefix, int count, CancellationToken cancellationToken);

    /// <summary>Counters collected while sampling (hallucinated quotes dropped, tokens used, …).</summary>
    SamplerStats Stats { get; }
}

/// <summary>What a sampler dropped and spent; read after the search.</summary>
public sealed class SamplerStats
{
    private int _droppedHallucinations;
    private int _malformedAnswers;
    private long _promptTokens;
    private long _completionTokens;
    private int _requests;
    private int _redactedSecrets;
    private int _budgetExhausted;

    /// <summary>Highlights whose quote was not found in the change.</summary>
    public int DroppedHallucinations => Volatile.Read(ref _droppedHallucinations);

    /// <summary>Answers that could not be parsed into highlights at all.</summary>
    public int MalformedAnswers => Volatile.Read(ref _malformedAnswers);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    /// <summary>Requests sent to a model (each may ask for several samples).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Secrets masked in the change before any prompt was built.</summary>
    public int RedactedSecrets => Volatile.Read(ref _redactedSecrets);

    /// <summary>True once the review's token budget stopped the sampling.</summary>
    public bool BudgetExhausted => Volatile.Read(ref _budgetExhausted) != 0;

    public void AddRequest() => Interlocked.Increment(ref _requests);

    public void AddRedactedSecrets(int count) => Interlocked.Add(ref _redactedSecrets, count);

    public void MarkBudgetExhausted() => Volatile.Write(ref _budgetExhausted, 1);

    public void AddDroppedHallucinations(int count) => Interlocked.Add(ref _droppedHallucinations, count);

    public void AddMalformedAnswer() => Interlocked.Increment(ref _malformedAnswers);

    public void AddTokens(long prompt, long completion)
    {
        Interlocked.Add(ref _promptTokens, prompt);
        Interlocked.Add(ref _completionTokens, completion);
    }
}
