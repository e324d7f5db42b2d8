using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReviewBot.Ranking.Onnx;

/// <summary>Element types of ONNX tensors (<c>ONNXTensorElementDataType</c>, same numbers as <c>TensorProto.DataType</c>).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are ONNX's own names for its element types.")]
public enum OnnxElementType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

/// <summary>A model input or output as ONNX Runtime sees it. A dimension of −1 is dynamic (named, when the model names it).</summary>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, IReadOnlyList<long> Dimensions, IReadOnlyList<string?> SymbolicDimensions)
{
    /// <summary>E.g. <c>features: float[batch, 512]</c>.</summary>
    public override string ToString()
    {
        var dims = Dimensions.Select((d, i) => d >= 0
            ? d.ToString(CultureInfo.InvariantCulture)
            : string.IsNullOrEmpty(SymbolicDimensions.ElementAtOrDefault(i)) ? "?" : SymbolicDimensions[i]);
        return $"{Name}: {ElementType.ToString().ToLowerInvariant()}[{string.Join(", ", dims)}]";
    }
}

/// <summary>What the model file says about itself (<c>ModelProto</c> fields and <c>metadata_props</c>).</summary>
public sealed record OnnxModelInfo
{
    public required string ProducerName { get; init; }

    public required string GraphName { get; init; }

    public required string Description { get; init; }

    public required long ModelVersion { get; init; }

    /// <summary><c>metadata_props</c>, sorted by key.</summary>
    public required IReadOnlyDictionary<string, string> CustomMetadata { get; init; }
}

/// <summary>Accumulates where scoring time goes, in <see cref="System.Diagnostics.Stopwatch"/> ticks (for benchmarks; not thread-safe).</summary>
public sealed class OnnxRunTimings
{
    /// <summary>Inside ONNX Runtime's <c>Run</c>.</summary>
    public long RunTicks { get; set; }

    /// <summary>Computing feature vectors (filled in by callers that extract features).</summary>
    public long FeatureTicks { get; set; }

    public int Runs { get; set; }

    public TimeSpan RunTime => TimeSpan.FromSeconds(RunTicks / (double)System.Diagnostics.Stopwatch.Frequency);

    public void Reset()
    {
        RunTicks = 0;
        FeatureTicks = 0;
        Runs = 0;
    }
}
