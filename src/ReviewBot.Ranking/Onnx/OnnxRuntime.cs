using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace ReviewBot.Ranking.Onnx;

/// <summary>
/// ONNX Runtime's native library, loaded once per process and path, with its single <c>OrtEnv</c> and the CPU memory
/// description tensors are created with. Sessions keep it alive; it is never unloaded.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "One environment per process for the process's lifetime; sessions may outlive any scope that could dispose it.")]
public sealed unsafe class OnnxRuntime
{
    /// <summary><c>ORT_API_VERSION</c> of ONNX Runtime 1.30, the version the build fetches.</summary>
    public const uint ApiVersion = 30;

    /// <summary>The npm package the build takes the library from.</summary>
    public const string NpmPackage = "onnxruntime-node@1.30.0";

    private static readonly Lock LoadLock = new();
    private static readonly Dictionary<string, OnnxRuntime> Loaded = new(StringComparer.Ordinal);

    private readonly OrtHandle _env;
    private readonly OrtHandle _cpuMemory;

    private OnnxRuntime(string libraryPath, OrtApi api, string version)
    {
        LibraryPath = libraryPath;
        Api = api;
        Version = version;

        nint env;
        var logId = "reviewbot"u8;
        fixed (byte* id = logId)
        {
            api.Check(api.CreateEnv(OrtApi.LoggingLevelWarning, id, &env));
        }

        _env = new OrtHandle(env, api.ReleaseEnv);

        nint memory;
        api.Check(api.CreateCpuMemoryInfo(OrtApi.ArenaAllocator, OrtApi.MemTypeDefault, &memory));
        _cpuMemory = new OrtHandle(memory, api.ReleaseMemoryInfo);

        nint allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator));
        DefaultAllocator = allocator;
    }

    /// <summary>The file name of the library on this platform.</summary>
    public static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.1.dylib"
        : "libonnxruntime.so.1";

    /// <summary>Where the build puts the library: beside ReviewBot's binaries.</summary>
    public static string DefaultLibraryPath => Path.Combine(AppContext.BaseDirectory, LibraryFileName);

    /// <summary>The library beside the binaries (see <see cref="DefaultLibraryPath"/>).</summary>
    public static OnnxRuntime Shared => Load(DefaultLibraryPath);

    public string LibraryPath { get; }

    /// <summary>ONNX Runtime's own version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    internal OrtApi Api { get; }

    internal OrtHandle Env => _env;

    internal OrtHandle CpuMemory => _cpuMemory;

    /// <summary>ONNX Runtime's default CPU allocator; it is never freed.</summary>
    internal nint DefaultAllocator { get; }

    /// <summary>
    /// Loads the library at <paramref name="libraryPath"/> (once per process) and creates its environment.
    /// </summary>
    /// <exception cref="OnnxRuntimeUnavailableException">The library is missing, cannot be loaded, or is too old.</exception>
    public static OnnxRuntime Load(string libraryPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryPath);
        var fullPath = Path.GetFullPath(libraryPath);
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(fullPath, out var loaded))
            {
                return loaded;
            }

            var runtime = LoadCore(fullPath);
            Loaded[fullPath] = runtime;
            return runtime;
        }
    }

    private static OnnxRuntime LoadCore(string path)
    {
        if (!File.Exists(path))
        {
            throw new OnnxRuntimeUnavailableException(
                $"ONNX Runtime's native library was not found at '{path}'. The build fetches it from the npm package " +
                $"{NpmPackage} (needs npm on PATH) and copies it beside the binaries; run 'dotnet build' again with npm " +
                $"installed, or copy {LibraryFileName} from that package's bin/napi-v6/<os>/<arch>/ folder to that path.");
        }

        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeUnavailableException($"ONNX Runtime's native library at '{path}' could not be loaded: {ex.Message}", ex);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeUnavailableException($"'{path}' is not ONNX Runtime: it exports no OrtGetApiBase.");
        }

        // OrtApiBase: slot 0 GetApi(uint32_t version), slot 1 GetVersionString(void).
        var apiBase = (nint*)((delegate* unmanaged[Cdecl]<nint>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint>)apiBase[0];
        var getVersion = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "unknown";
        var table = getApi(ApiVersion);
        if (table == 0)
        {
            throw new OnnxRuntimeUnavailableException(
                $"ONNX Runtime {version} at '{path}' does not offer C API version {ApiVersion}; ReviewBot needs {NpmPackage} or newer.");
        }

        return new OnnxRuntime(path, new OrtApi(table), version);
    }
}
