using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Scoring;

/// <summary>The outcome of loading a reward model file: the model, or why it cannot be used.</summary>
public sealed record RewardModelLoadResult
{
    public OnnxRewardModel? Model { get; init; }

    public string? Error { get; init; }

    public bool IsSuccess => Model is not null;

    public OnnxRewardModel GetModelOrThrow() => Model ?? throw new InvalidOperationException(Error);
}

/// <summary>
/// A reward model in an ONNX file, run by ONNX Runtime: critiques become <see cref="CritiqueFeatureExtractor"/>
/// vectors, one batch per call, through one shared session. Thread-safe.
/// </summary>
public sealed class OnnxRewardModel : IRewardModel, IDisposable
{
    /// <summary>Most critiques in one ONNX Runtime call; larger requests are split.</summary>
    public const int MaxBatch = 256;

    private readonly OnnxSession _session;
    private readonly int _outputIndex;

    private OnnxRewardModel(OnnxSession session, int outputIndex, string sha256, string source)
    {
        _session = session;
        _outputIndex = outputIndex;
        Sha256 = sha256;
        Source = source;
        Version = "onnx:" + sha256[..12];
    }

    /// <summary><c>onnx:</c> and the first 12 hex digits of the model file's SHA-256.</summary>
    public string Version { get; }

    /// <summary>The model file's SHA-256, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>Where the model came from (its path).</summary>
    public string Source { get; }

    public OnnxSession Session => _session;

    /// <summary>Reads, validates and loads the model at <paramref name="path"/>. Never throws for a bad file.</summary>
    public static RewardModelLoadResult Load(string path, OnnxRuntime? runtime = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new RewardModelLoadResult { Error = $"reward model '{path}' could not be read: {ex.Message}" };
        }

        return Load(bytes, path, runtime);
    }

    /// <summary>Validates and loads a model from its bytes; <paramref name="source"/> names it in messages.</summary>
    public static RewardModelLoadResult Load(byte[] bytes, string source, OnnxRuntime? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        OnnxSession session;
        try
        {
            session = OnnxSession.Create(runtime ?? OnnxRuntime.Shared, bytes);
        }
        catch (OnnxRuntimeUnavailableException ex)
        {
            return new RewardModelLoadResult { Error = ex.Message };
        }
        catch (OnnxRuntimeException ex)
        {
            return new RewardModelLoadResult { Error = $"reward model '{source}' is not a loadable ONNX model: {ex.Message}" };
        }

        var (problems, outputIndex) = RewardModelContract.Check(session, CritiqueFeatureExtractor.Schema);
        if (problems.Count > 0)
        {
            session.Dispose();
            return new RewardModelLoadResult
            {
                Error = $"reward model '{source}' does not fit feature schema {CritiqueFeatureExtractor.Schema}: {string.Join("; ", problems)}",
            };
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new RewardModelLoadResult { Model = new OnnxRewardModel(session, outputIndex, sha, source) };
    }

    public ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(critiques);
        cancellationToken.ThrowIfCancellationRequested();
        var scores = new double[critiques.Count];
        Score(context, critiques, scores);
        return ValueTask.FromResult<IReadOnlyList<double>>(scores);
    }

    /// <summary>Scores <paramref name="critiques"/> into <paramref name="scores"/>; optionally times ONNX Runtime's part.</summary>
    public void Score(ChangeContext context, IReadOnlyList<Critique> critiques, Span<double> scores, OnnxRunTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(critiques);
        if (scores.Length != critiques.Count)
        {
            throw new ArgumentException($"Expected room for {critiques.Count} scores, got {scores.Length}.", nameof(scores));
        }

        const int f = CritiqueFeatureExtractor.Dimension;
        var features = ArrayPool<float>.Shared.Rent(Math.Min(critiques.Count, MaxBatch) * f);
        Span<float> output = stackalloc float[Math.Min(Math.Max(critiques.Count, 1), MaxBatch)];
        try
        {
            for (var start = 0; start < critiques.Count; start += MaxBatch)
            {
                var batch = Math.Min(MaxBatch, critiques.Count - start);
                var input = features.AsSpan(0, batch * f);
                var extracting = timings is null ? 0 : Stopwatch.GetTimestamp();
                for (var i = 0; i < batch; i++)
                {
                    CritiqueFeatureExtractor.Extract(context, critiques[start + i], input.Slice(i * f, f));
                }

                if (timings is not null)
                {
                    timings.FeatureTicks += Stopwatch.GetTimestamp() - extracting;
                }

                var result = output[..batch];
                _session.Run(0, input, [batch, f], _outputIndex, result, timings);
                for (var i = 0; i < batch; i++)
                {
                    scores[start + i] = result[i];
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(features);
        }
    }

    public void Dispose() => _session.Dispose();
}
