namespace ReviewBot.Ranking.Onnx;

/// <summary>ONNX Runtime's error codes (<c>OrtErrorCode</c> in <c>onnxruntime_c_api.h</c>).</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
}

/// <summary>A call into ONNX Runtime returned an error status; carries ONNX Runtime's own code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OnnxRuntimeException(OrtErrorCode code, string message)
        : base($"ONNX Runtime error {code}: {message}")
    {
        Code = code;
        OrtMessage = message;
    }

    public OrtErrorCode Code { get; } = OrtErrorCode.Fail;

    /// <summary>The message exactly as ONNX Runtime gave it.</summary>
    public string OrtMessage { get; } = "";
}

/// <summary>ONNX Runtime's native library could not be found, loaded, or does not offer the API version needed.</summary>
public sealed class OnnxRuntimeUnavailableException : Exception
{
    public OnnxRuntimeUnavailableException()
    {
    }

    public OnnxRuntimeUnavailableException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
