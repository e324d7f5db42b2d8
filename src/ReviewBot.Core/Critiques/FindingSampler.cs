namespace ReviewBot.Core.Critiques;

/// <summary>
/// The offline critic's sampler: given a critique prefix, it forces one more highlight drawn from the findings not
/// yet used, weighted by confidence with a temperature, and then, like a model that keeps writing, may add more
/// before it stops. Seeded, so the same findings and seed give the same samples.
/// </summary>
public sealed class FindingSampler(IReadOnlyList<Highlight> findings, int seed, double temperature = 0.35, double continueProbability = 0.3) : ICritiqueSampler
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public SamplerStats Stats { get; } = new();

    public IReadOnlyList<Highlight> Findings => findings;

    public Task<IReadOnlyList<Critique>> SampleAsync(Critique prefix, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        var samples = new List<Critique>(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var critique = prefix;
                do
                {
                    var next = Draw(critique);
                    if (next is null)
                    {
                        break;
                    }

                    critique = critique.Append(next);
                }
                while (_random.NextDouble() < continueProbability);

                if (critique.Count > prefix.Count)
                {
                    samples.Add(critique);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Critique>>(samples);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Highlight? Draw(Critique critique)
    {
        var remaining = findings.Where(f => !critique.Contains(f)).ToList();
        if (remaining.Count == 0)
        {
            return null;
        }

        // Softmax over confidence / temperature, shifted by the maximum for numerical stability.
        var max = remaining.Max(static f => f.Confidence);
        var weights = remaining.Select(f => Math.Exp((f.Confidence - max) / temperature)).ToArray();
        var pick = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < remaining.Count; i++)
        {
            pick -= weights[i];
            if (pick <= 0)
            {
                return remaining[i];
            }
        }

        return remaining[^1];
    }
}
