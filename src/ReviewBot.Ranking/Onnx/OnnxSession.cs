using System.Diagnostics;
using System.Text;

namespace ReviewBot.Ranking.Onnx;

/// <summary>
/// One ONNX Runtime inference session over a model held in memory. ONNX Runtime sessions are safe for concurrent
/// <c>Run</c> calls, so one session serves every caller; disposing waits (through the handle's reference count) for
/// runs in flight before the session is released.
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OrtHandle _session;
    private readonly byte[][] _inputNames;
    private readonly byte[][] _outputNames;

    private OnnxSession(OnnxRuntime runtime, OrtHandle session)
    {
        Runtime = runtime;
        _session = session;
        Inputs = ReadTensorInfos(isInput: true);
        Outputs = ReadTensorInfos(isInput: false);
        _inputNames = [.. Inputs.Select(static i => NulTerminated(i.Name))];
        _outputNames = [.. Outputs.Select(static o => NulTerminated(o.Name))];
        Model = ReadModelInfo();
    }

    public OnnxRuntime Runtime { get; }

    public IReadOnlyList<OnnxTensorInfo> Inputs { get; }

    public IReadOnlyList<OnnxTensorInfo> Outputs { get; }

    public OnnxModelInfo Model { get; }

    /// <summary>Parses <paramref name="model"/> (ONNX protobuf bytes) and prepares it to run on the CPU.</summary>
    /// <param name="runtime">The loaded library.</param>
    /// <param name="model">The model file's bytes; ONNX Runtime copies what it needs.</param>
    /// <param name="intraOpThreads">Threads one run may use; 1 suits small models (no thread pool hand-offs).</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model (its message says why).</exception>
    public static OnnxSession Create(OnnxRuntime runtime, ReadOnlySpan<byte> model, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        if (model.IsEmpty)
        {
            throw new OnnxRuntimeException(OrtErrorCode.InvalidProtobuf, "the model is empty (0 bytes)");
        }

        var api = runtime.Api;
        nint options;
        api.Check(api.CreateSessionOptions(&options));
        using var optionsHandle = new OrtHandle(options, api.ReleaseSessionOptions);
        api.Check(api.SetSessionGraphOptimizationLevel(options, OrtApi.GraphOptimizationEnableAll));
        api.Check(api.SetIntraOpNumThreads(options, intraOpThreads));
        api.Check(api.SetInterOpNumThreads(options, 1));

        nint session;
        using (var env = new HandleLease(runtime.Env))
        {
            fixed (byte* data = model)
            {
                api.Check(api.CreateSessionFromArray(env.Pointer, data, (nuint)model.Length, options, &session));
            }
        }

        var handle = new OrtHandle(session, api.ReleaseSession);
        try
        {
            return new OnnxSession(runtime, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model with one float tensor for input <paramref name="inputIndex"/> and copies float output
    /// <paramref name="outputIndex"/> into <paramref name="destination"/>, whose length must equal the output's
    /// element count.
    /// </summary>
    public void Run(int inputIndex, ReadOnlySpan<float> input, ReadOnlySpan<long> shape, int outputIndex, Span<float> destination, OnnxRunTimings? timings = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(inputIndex, _inputNames.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(outputIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(outputIndex, _outputNames.Length);
        if (_inputNames.Length != 1)
        {
            throw new InvalidOperationException($"The model has {_inputNames.Length} inputs; ReviewBot feeds exactly one.");
        }

        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        if (count != input.Length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape.ToArray())}] holds {count} elements but {input.Length} were given.", nameof(shape));
        }

        var api = Runtime.Api;
        using var session = new HandleLease(_session);
        using var memory = new HandleLease(Runtime.CpuMemory);
        nint inputValue;
        fixed (float* data = input)
        fixed (long* dims = shape)
        {
            api.Check(api.CreateTensorWithDataAsOrtValue(memory.Pointer, data, (nuint)(input.Length * sizeof(float)), dims, (nuint)shape.Length, OrtApi.ElementTypeFloat, &inputValue));
            using var inputHandle = new OrtHandle(inputValue, api.ReleaseValue);

            nint outputValue = 0;
            fixed (byte* inputName = _inputNames[inputIndex])
            fixed (byte* outputName = _outputNames[outputIndex])
            {
                var started = timings is null ? 0 : Stopwatch.GetTimestamp();
                api.Check(api.Run(session.Pointer, 0, &inputName, &inputValue, 1, &outputName, 1, &outputValue));
                if (timings is not null)
                {
                    timings.RunTicks += Stopwatch.GetTimestamp() - started;
                    timings.Runs++;
                }
            }

            using var outputHandle = new OrtHandle(outputValue, api.ReleaseValue);
            CopyFloatOutput(outputValue, destination);
        }
    }

    public void Dispose() => _session.Dispose();

    private void CopyFloatOutput(nint value, Span<float> destination)
    {
        var api = Runtime.Api;
        nint info;
        api.Check(api.GetTensorTypeAndShape(value, &info));
        using var infoHandle = new OrtHandle(info, api.ReleaseTensorTypeAndShapeInfo);
        int type;
        api.Check(api.GetTensorElementType(info, &type));
        nuint count;
        api.Check(api.GetTensorShapeElementCount(info, &count));
        if (type != OrtApi.ElementTypeFloat || count != (nuint)destination.Length)
        {
            var dims = ReadDimensions(api, info).Dimensions;
            throw new InvalidOperationException(
                $"The model's output is {(OnnxElementType)type}[{string.Join(", ", dims)}]; expected {destination.Length} floats.");
        }

        void* data;
        api.Check(api.GetTensorMutableData(value, &data));
        new ReadOnlySpan<float>(data, destination.Length).CopyTo(destination);
    }

    private List<OnnxTensorInfo> ReadTensorInfos(bool isInput)
    {
        var api = Runtime.Api;
        using var session = new HandleLease(_session);
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session.Pointer, &count) : api.SessionGetOutputCount(session.Pointer, &count));
        var infos = new List<OnnxTensorInfo>((int)count);
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(isInput
                ? api.SessionGetInputName(session.Pointer, i, Runtime.DefaultAllocator, &rawName)
                : api.SessionGetOutputName(session.Pointer, i, Runtime.DefaultAllocator, &rawName));
            var name = api.TakeString(Runtime.DefaultAllocator, rawName) ?? "";

            nint typeInfo;
            api.Check(isInput
                ? api.SessionGetInputTypeInfo(session.Pointer, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(session.Pointer, i, &typeInfo));
            using var typeInfoHandle = new OrtHandle(typeInfo, api.ReleaseTypeInfo);
            nint tensorInfo;
            api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
            if (tensorInfo == 0)
            {
                // A sequence or map: not a tensor, so it has no element type or shape.
                infos.Add(new OnnxTensorInfo(name, OnnxElementType.Undefined, [], []));
                continue;
            }

            int type;
            api.Check(api.GetTensorElementType(tensorInfo, &type));
            var (dims, symbols) = ReadDimensions(api, tensorInfo);
            infos.Add(new OnnxTensorInfo(name, (OnnxElementType)type, dims, symbols));
        }

        return infos;
    }

    private static (long[] Dimensions, string?[] Symbols) ReadDimensions(OrtApi api, nint tensorInfo)
    {
        nuint rank;
        api.Check(api.GetDimensionsCount(tensorInfo, &rank));
        var dims = new long[(int)rank];
        var symbols = new string?[(int)rank];
        if (rank == 0)
        {
            return (dims, symbols);
        }

        fixed (long* d = dims)
        {
            api.Check(api.GetDimensions(tensorInfo, d, rank));
        }

        // The names are owned by the type info; copy them before it is released.
        var names = stackalloc byte*[(int)rank];
        api.Check(api.GetSymbolicDimensions(tensorInfo, names, rank));
        for (var i = 0; i < (int)rank; i++)
        {
            symbols[i] = names[i] is null ? null : System.Runtime.InteropServices.Marshal.PtrToStringUTF8((nint)names[i]);
        }

        return (dims, symbols);
    }

    private OnnxModelInfo ReadModelInfo()
    {
        var api = Runtime.Api;
        var allocator = Runtime.DefaultAllocator;
        using var session = new HandleLease(_session);
        nint metadata;
        api.Check(api.SessionGetModelMetadata(session.Pointer, &metadata));
        using var metadataHandle = new OrtHandle(metadata, api.ReleaseModelMetadata);

        byte* text;
        api.Check(api.ModelMetadataGetProducerName(metadata, allocator, &text));
        var producer = api.TakeString(allocator, text) ?? "";
        api.Check(api.ModelMetadataGetGraphName(metadata, allocator, &text));
        var graph = api.TakeString(allocator, text) ?? "";
        api.Check(api.ModelMetadataGetDescription(metadata, allocator, &text));
        var description = api.TakeString(allocator, text) ?? "";
        long version;
        api.Check(api.ModelMetadataGetVersion(metadata, &version));

        byte** keys;
        long keyCount;
        api.Check(api.ModelMetadataGetCustomMetadataMapKeys(metadata, allocator, &keys, &keyCount));
        var custom = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (keys is not null)
        {
            try
            {
                for (var i = 0; i < keyCount; i++)
                {
                    byte* value;
                    var status = api.ModelMetadataLookupCustomMetadataMap(metadata, allocator, keys[i], &value);
                    var key = api.TakeString(allocator, keys[i]) ?? "";
                    keys[i] = null;
                    api.Check(status);
                    custom[key] = api.TakeString(allocator, value) ?? "";
                }
            }
            finally
            {
                for (var i = 0; i < keyCount; i++)
                {
                    if (keys[i] is not null)
                    {
                        api.AllocatorFree(allocator, keys[i]);
                    }
                }

                api.Check(api.AllocatorFree(allocator, keys));
            }
        }

        return new OnnxModelInfo { ProducerName = producer, GraphName = graph, Description = description, ModelVersion = version, CustomMetadata = custom };
    }

    private static byte[] NulTerminated(string name)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(name) + 1];
        Encoding.UTF8.GetBytes(name, bytes);
        return bytes;
    }
}
