using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Critiques;
using ReviewBot.Core.Pipeline;
using ReviewBot.Core.Ranking;
using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Scoring;

/// <summary>What a reload did.</summary>
public enum RewardModelReloadStatus
{
    /// <summary>A new model is now in use.</summary>
    Reloaded,

    /// <summary>The file holds the model already in use.</summary>
    Unchanged,

    /// <summary>The file could not be loaded; the previous model stays in use.</summary>
    Failed,
}

/// <summary>The outcome of <see cref="ReloadableRewardModel.ReloadAsync"/>, suitable to return from an admin endpoint.</summary>
public sealed record RewardModelReloadResult(RewardModelReloadStatus Status, string Version, string? PreviousVersion, string? Error);

/// <summary>
/// An <see cref="OnnxRewardModel"/> that follows its file: a change (seen by a <see cref="FileSystemWatcher"/>,
/// debounced) or <see cref="ReloadAsync"/> loads and validates the new file, then swaps it in atomically. Scoring
/// that started on the old model finishes on it; the old session is released when its last caller returns. A file
/// that fails to load (half-written, corrupt, wrong schema) is logged and the old model stays.
/// </summary>
public sealed partial class ReloadableRewardModel : IRewardModel, IPinnableRewardModel, IDisposable
{
    /// <summary>Quiet time after the last change event before reloading, so a file being written is read once, whole.</summary>
    public static readonly TimeSpan DefaultDebounce = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly OnnxRuntime? _runtime;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer? _debounceTimer;
    private readonly TimeSpan _debounce;
    private ModelLease _current;
    private bool _disposed;

    public ReloadableRewardModel(OnnxRewardModel initial, string path, ILogger<ReloadableRewardModel> logger, TimeProvider? timeProvider = null, TimeSpan? debounce = null, bool watch = true, OnnxRuntime? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        _current = new ModelLease(initial);
        _path = Path.GetFullPath(path);
        _logger = logger;
        _runtime = runtime;
        _debounce = debounce ?? DefaultDebounce;
        var directory = Path.GetDirectoryName(_path);
        if (watch && directory is not null && Directory.Exists(directory))
        {
            _debounceTimer = (timeProvider ?? TimeProvider.System).CreateTimer(_ => OnDebounced(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>The version of the model new scoring calls use.</summary>
    public string Version => Volatile.Read(ref _current).Model.Version;

    /// <summary>The watched file.</summary>
    public string FilePath => _path;

    /// <summary>How many reloads swapped in a new model (for tests and diagnostics).</summary>
    public int ReloadCount { get; private set; }

    public ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken)
    {
        var lease = Acquire();
        try
        {
            // Scoring is synchronous CPU work, so the lease is held exactly as long as the session is used.
            return lease.Model.ScoreAsync(context, critiques, cancellationToken);
        }
        finally
        {
            lease.Release();
        }
    }

    /// <summary>
    /// The model in use now, held until the returned object is disposed: score a whole review with it so every
    /// candidate is scored by one model (and its <see cref="IRewardModel.Version"/> is the one to record) even if a
    /// reload happens meanwhile.
    /// </summary>
    public PinnedRewardModel Pin() => new(Acquire());

    IRewardModel IPinnableRewardModel.Pin() => Pin();

    /// <summary>Loads the file now; on success the new model serves every call that starts afterwards.</summary>
    public async Task<RewardModelReloadResult> ReloadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Volatile.Read(ref _current).Model;
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(_path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Failed(previous, $"reward model '{_path}' could not be read: {ex.Message}");
            }

            if (string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), previous.Sha256, StringComparison.Ordinal))
            {
                Log.Unchanged(_logger, _path, previous.Version);
                return new RewardModelReloadResult(RewardModelReloadStatus.Unchanged, previous.Version, previous.Version, null);
            }

            var loaded = OnnxRewardModel.Load(bytes, _path, _runtime);
            if (loaded.Model is not { } model)
            {
                return Failed(previous, loaded.Error!);
            }

            var old = Interlocked.Exchange(ref _current, new ModelLease(model));
            old.Release();
            ReloadCount++;
            Log.Reloaded(_logger, _path, previous.Version, model.Version);
            return new RewardModelReloadResult(RewardModelReloadStatus.Reloaded, model.Version, previous.Version, null);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _watcher?.Dispose();
        _debounceTimer?.Dispose();
        Volatile.Read(ref _current).Release();
        _reloadGate.Dispose();
    }

    private RewardModelReloadResult Failed(OnnxRewardModel kept, string error)
    {
        Log.ReloadFailed(_logger, _path, kept.Version, error);
        return new RewardModelReloadResult(RewardModelReloadStatus.Failed, kept.Version, kept.Version, error);
    }

    private ModelLease Acquire()
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var lease = Volatile.Read(ref _current);
            if (lease.TryAcquire())
            {
                return lease;
            }

            // The lease was retired between the read and the acquire: a newer one is already in _current.
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (e is RenamedEventArgs renamed && !string.Equals(renamed.FullPath, _path, StringComparison.Ordinal))
        {
            return;
        }

        // Every event restarts the quiet period; only the last one triggers a reload.
        _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    private void OnDebounced()
    {
        if (_disposed)
        {
            return;
        }

        _ = ReloadFromWatcherAsync();
    }

    private async Task ReloadFromWatcherAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while a reload was pending: nothing to do.
        }
    }

    /// <summary>One model, kept alive until disposed; see <see cref="Pin"/>.</summary>
    public sealed class PinnedRewardModel : IRewardModel, IDisposable
    {
        private ModelLease? _lease;

        internal PinnedRewardModel(ModelLease lease) => _lease = lease;

        public string Version => Model.Version;

        private OnnxRewardModel Model => (_lease ?? throw new ObjectDisposedException(nameof(PinnedRewardModel))).Model;

        public ValueTask<IReadOnlyList<double>> ScoreAsync(ChangeContext context, IReadOnlyList<Critique> critiques, CancellationToken cancellationToken) =>
            Model.ScoreAsync(context, critiques, cancellationToken);

        public void Dispose() => Interlocked.Exchange(ref _lease, null)?.Release();
    }

    /// <summary>A model and the number of callers using it; the owner's reference is released when it is replaced.</summary>
    internal sealed class ModelLease(OnnxRewardModel model)
    {
        private int _references = 1;

        public OnnxRewardModel Model => model;

        public bool TryAcquire()
        {
            while (true)
            {
                var references = Volatile.Read(ref _references);
                if (references == 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
                {
                    return true;
                }
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) == 0)
            {
                model.Dispose();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Reward model {Path} reloaded: {PreviousVersion} -> {Version}")]
        public static partial void Reloaded(ILogger logger, string path, string previousVersion, string version);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Reward model {Path} was not reloaded; keeping {Version}: {Error}")]
        public static partial void ReloadFailed(ILogger logger, string path, string version, string error);

        [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Reward model {Path} unchanged ({Version})")]
        public static partial void Unchanged(ILogger logger, string path, string version);
    }
}
