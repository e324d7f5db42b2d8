using System.Runtime.InteropServices;

namespace ReviewBot.Ranking.Onnx;

/// <summary>
/// The functions of ONNX Runtime's C API that ReviewBot calls, read from the <c>OrtApi</c> table that
/// <c>OrtGetApiBase()->GetApi(ORT_API_VERSION)</c> returns. The table is a struct of function pointers whose order
/// only grows at the end between versions; each slot below is its zero-based position in <c>struct OrtApi</c> of
/// <c>onnxruntime_c_api.h</c>. Opaque ORT objects are <see cref="nint"/>; every status-returning function returns an
/// <c>OrtStatus*</c> that is null on success.
/// </summary>
internal sealed unsafe class OrtApi
{
    public OrtApi(nint table)
    {
        var slots = (nint*)table;
        CreateStatus = (delegate* unmanaged[Cdecl]<int, byte*, nint>)slots[0];
        GetErrorCode = (delegate* unmanaged[Cdecl]<nint, int>)slots[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)slots[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)slots[3];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint>)slots[8];
        Run = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)slots[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)slots[10];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)slots[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)slots[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)slots[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)slots[37];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)slots[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<nint, void**, nint>)slots[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)slots[55];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)slots[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)slots[62];
        GetSymbolicDimensions = (delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)slots[63];
        GetTensorShapeElementCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[64];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)slots[65];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)slots[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<nint, void*, nint>)slots[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)slots[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<nint, void>)slots[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<nint, void>)slots[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<nint, void>)slots[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<nint, void>)slots[96];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<nint, void>)slots[100];
        SessionGetModelMetadata = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)slots[111];
        ModelMetadataGetProducerName = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)slots[112];
        ModelMetadataGetGraphName = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)slots[113];
        ModelMetadataGetDescription = (delegate* unmanaged[Cdecl]<nint, nint, byte**, nint>)slots[115];
        ModelMetadataLookupCustomMetadataMap = (delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint>)slots[116];
        ModelMetadataGetVersion = (delegate* unmanaged[Cdecl]<nint, long*, nint>)slots[117];
        ReleaseModelMetadata = (delegate* unmanaged[Cdecl]<nint, void>)slots[118];
        ModelMetadataGetCustomMetadataMapKeys = (delegate* unmanaged[Cdecl]<nint, nint, byte***, long*, nint>)slots[123];
    }

    // OrtLoggingLevel, GraphOptimizationLevel, OrtAllocatorType, OrtMemType and ONNXTensorElementDataType values used.
    public const int LoggingLevelWarning = 2;
    public const int GraphOptimizationEnableAll = 99;
    public const int ArenaAllocator = 1;
    public const int MemTypeDefault = 0;
    public const int ElementTypeFloat = 1;

    public readonly delegate* unmanaged[Cdecl]<int, byte*, nint> CreateStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, int> GetErrorCode;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint> GetSymbolicDimensions;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetTensorShapeElementCount;
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSession;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseValue;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> SessionGetModelMetadata;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetProducerName;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetGraphName;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte**, nint> ModelMetadataGetDescription;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte*, byte**, nint> ModelMetadataLookupCustomMetadataMap;
    public readonly delegate* unmanaged[Cdecl]<nint, long*, nint> ModelMetadataGetVersion;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseModelMetadata;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, byte***, long*, nint> ModelMetadataGetCustomMetadataMapKeys;

    /// <summary>Turns a non-null status into an <see cref="OnnxRuntimeException"/> (and releases the status).</summary>
    public void Check(nint status)
    {
        if (status == 0)
        {
            return;
        }

        var code = (OrtErrorCode)GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "";
        ReleaseStatus(status);
        throw new OnnxRuntimeException(code, message);
    }

    /// <summary>Copies a string ONNX Runtime allocated with <paramref name="allocator"/>, then frees it.</summary>
    public string? TakeString(nint allocator, byte* value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            Check(AllocatorFree(allocator, value));
        }
    }
}
