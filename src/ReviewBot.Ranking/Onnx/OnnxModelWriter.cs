using System.Buffers.Binary;
using Google.Protobuf;

namespace ReviewBot.Ranking.Onnx;

/// <summary>
/// Writes the two reward model graphs ReviewBot trains as ONNX files (IR version 8, default opset 17), with
/// Google.Protobuf's <see cref="CodedOutputStream"/> and the field numbers of <c>onnx.proto</c>. Input
/// <c>features</c>: float[batch, F]; output <c>score</c>: float[batch, 1]. The same arguments give the same bytes.
/// </summary>
public static class OnnxModelWriter
{
    public const long IrVersion = 8;
    public const long OpsetVersion = 17;
    public const string InputName = "features";
    public const string OutputName = "score";
    public const string BatchDimension = "batch";

    /// <summary>Linear Bradley–Terry model: <c>score = features · w + b</c> as one Gemm.</summary>
    public static byte[] WriteLinear(ReadOnlySpan<float> weights, float bias, IEnumerable<KeyValuePair<string, string>> metadata) =>
        WriteLinear(weights, bias, metadata, InputName, OutputName);

    /// <summary>As <see cref="WriteLinear(ReadOnlySpan{float}, float, IEnumerable{KeyValuePair{string, string}})"/>, with other tensor names.</summary>
    public static byte[] WriteLinear(ReadOnlySpan<float> weights, float bias, IEnumerable<KeyValuePair<string, string>> metadata, string inputName, string outputName)
    {
        if (weights.IsEmpty)
        {
            throw new ArgumentException("A linear model needs at least one weight.", nameof(weights));
        }

        var f = weights.Length;
        var graph = Graph(
            "reviewbot_linear_rm",
            nodes: [Node("Gemm", [inputName, "w", "b"], [outputName], "linear")],
            initializers: [Tensor("w", [f, 1], weights), Tensor("b", [1], [bias])],
            featureCount: f,
            inputName,
            outputName);
        return Model(graph, metadata);
    }

    /// <summary>
    /// Small MLP: <c>score = relu(features · W1 + b1) · w2 + b2</c>, with W1 row-major [F, hidden] and w2 [hidden].
    /// </summary>
    public static byte[] WriteMlp(ReadOnlySpan<float> w1, ReadOnlySpan<float> b1, ReadOnlySpan<float> w2, float b2, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var hidden = b1.Length;
        if (hidden == 0 || w2.Length != hidden || w1.Length == 0 || w1.Length % hidden != 0)
        {
            throw new ArgumentException($"Inconsistent MLP shapes: W1 has {w1.Length} values, b1 {b1.Length}, w2 {w2.Length}.");
        }

        var f = w1.Length / hidden;
        var graph = Graph(
            "reviewbot_mlp_rm",
            nodes:
            [
                Node("Gemm", [InputName, "w1", "b1"], ["hidden_pre"], "layer1"),
                Node("Relu", ["hidden_pre"], ["hidden"], "relu"),
                Node("Gemm", ["hidden", "w2", "b2"], [OutputName], "layer2"),
            ],
            initializers: [Tensor("w1", [f, hidden], w1), Tensor("b1", [hidden], b1), Tensor("w2", [hidden, 1], w2), Tensor("b2", [1], [b2])],
            featureCount: f,
            InputName,
            OutputName);
        return Model(graph, metadata);
    }

    // ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8, metadata_props 14.
    private static byte[] Model(byte[] graph, IEnumerable<KeyValuePair<string, string>> metadata) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Varint);
        o.WriteInt64(IrVersion);
        WriteString(o, 2, "ReviewBot");
        WriteString(o, 3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString(3) ?? "0");
        WriteMessage(o, 7, graph);
        WriteMessage(o, 8, Message(opset =>
        {
            // OperatorSetIdProto: domain 1 (empty: the default ONNX domain), version 2.
            WriteString(opset, 1, "");
            opset.WriteTag(2, WireFormat.WireType.Varint);
            opset.WriteInt64(OpsetVersion);
        }));
        foreach (var (key, value) in metadata.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            // StringStringEntryProto: key 1, value 2.
            WriteMessage(o, 14, Message(entry =>
            {
                WriteString(entry, 1, key);
                WriteString(entry, 2, value);
            }));
        }
    });

    // GraphProto: node 1, name 2, initializer 5, input 11, output 12.
    private static byte[] Graph(string name, byte[][] nodes, byte[][] initializers, int featureCount, string inputName, string outputName) => Message(o =>
    {
        foreach (var node in nodes)
        {
            WriteMessage(o, 1, node);
        }

        WriteString(o, 2, name);
        foreach (var initializer in initializers)
        {
            WriteMessage(o, 5, initializer);
        }

        WriteMessage(o, 11, ValueInfo(inputName, featureCount));
        WriteMessage(o, 12, ValueInfo(outputName, 1));
    });

    // NodeProto: input 1, output 2, name 3, op_type 4.
    private static byte[] Node(string opType, string[] inputs, string[] outputs, string name) => Message(o =>
    {
        foreach (var input in inputs)
        {
            WriteString(o, 1, input);
        }

        foreach (var output in outputs)
        {
            WriteString(o, 2, output);
        }

        WriteString(o, 3, name);
        WriteString(o, 4, opType);
    });

    // TensorProto: dims 1, data_type 2 (FLOAT = 1), name 8, raw_data 9 (little-endian IEEE 754).
    private static byte[] Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        return Message(o =>
        {
            foreach (var dim in dims)
            {
                o.WriteTag(1, WireFormat.WireType.Varint);
                o.WriteInt64(dim);
            }

            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32((int)OnnxElementType.Float);
            WriteString(o, 8, name);
            o.WriteTag(9, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(raw));
        });
    }

    // ValueInfoProto: name 1, type 2. TypeProto: tensor_type 1. TypeProto.Tensor: elem_type 1, shape 2.
    // TensorShapeProto: dim 1. Dimension: dim_value 1, dim_param 2. Shape: [batch, width].
    private static byte[] ValueInfo(string name, long width) => Message(o =>
    {
        WriteString(o, 1, name);
        WriteMessage(o, 2, Message(type => WriteMessage(type, 1, Message(tensor =>
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint);
            tensor.WriteInt32((int)OnnxElementType.Float);
            WriteMessage(tensor, 2, Message(shape =>
            {
                WriteMessage(shape, 1, Message(dim => WriteString(dim, 2, BatchDimension)));
                WriteMessage(shape, 1, Message(dim =>
                {
                    dim.WriteTag(1, WireFormat.WireType.Varint);
                    dim.WriteInt64(width);
                }));
            }));
        }))));
    });

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }

        return buffer.ToArray();
    }
}
