using System.Collections.Concurrent;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Cli.Eval;

/// <summary>What the critic found on one case, shared by the runs of every search mode.</summary>
internal sealed class CaseFindings
{
    /// <summary>The offline critic's findings, once it has run; null for a model critic.</summary>
    public IReadOnlyList<Highlight>? Findings { get; set; }
}

/// <summary>
/// The critic of one case in one search mode, around the configured critic. The first run of the pipeline asks the real
/// critic and records every sample; later runs (other λ, other target percentiles) get the same samples back, which is
/// exactly what a fresh run would see, because the search does not depend on λ. The offline critic's findings are
/// computed once per case and shared across modes (a fresh <see cref="FindingSampler"/> with the configured seed per
/// mode, as the offline critic itself would make).
/// </summary>
internal sealed class CaseCritic(ICritic inner, CaseFindings shared, int seed) : ICritic, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<Critique>> _recorded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _start = new(1, 1);
    private ICritiqueSampler? _source;

    public string Name => inner.Name;

    public async Task<ICritiqueSampler> StartAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        await _start.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_source is null)
            {
                if (shared.Findings is { } findings)
                {
                    _source = new FindingSampler(findings, seed);
                }
                else
                {
                    _source = await inner.StartAsync(context, cancellationToken).ConfigureAwait(false);
                    if (_source is FindingSampler offline)
                    {
                        shared.Findings = offline.Findings;
                    }
                }
            }
        }
        finally
        {
            _start.Release();
        }

        return _source is IPromptVersioned ? new VersionedReplay(this, _source) : new Replay(this, _source);
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync().ConfigureAwait(false);
        }

        _start.Dispose();
    }

    /// <summary>One pipeline run's view: the n-th call with a given prefix and count gets the n-th recorded answer.</summary>
    private class Replay(CaseCritic owner, ICritiqueSampler source) : ICritiqueSampler, ICriticInputSnapshot
    {
        protected ICritiqueSampler Source => source;

        /// <summary>What a model critic's prompt held, for the review's provenance (null for the offline critic).</summary>
        public CriticInput? Input => (source as ICriticInputSnapshot)?.Input;

        private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public SamplerStats Stats => source.Stats;

        public async Task<IReadOnlyList<Critique>> SampleAsync(Critique prefix, int count, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(prefix);
            string key;
            lock (_gate)
            {
                var call = $"{count}|{string.Join('|', prefix.Highlights.Select(static h => h.Key))}";
                var n = _occurrences.GetValueOrDefault(call);
                _occurrences[call] = n + 1;
                key = $"{call}#{n}";
            }

            if (owner._recorded.TryGetValue(key, out var recorded))
            {
                return recorded;
            }

            var samples = await source.SampleAsync(prefix, count, cancellationToken).ConfigureAwait(false);
            owner._recorded.TryAdd(key, samples);
            return samples;
        }

        // The source outlives each run; the case disposes it.
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class VersionedReplay(CaseCritic owner, ICritiqueSampler source) : Replay(owner, source), IPromptVersioned
    {
        public string PromptVersion => ((IPromptVersioned)Source).PromptVersion;
    }
}
