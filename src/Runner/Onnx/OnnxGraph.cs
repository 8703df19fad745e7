using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace Runner.Onnx;

/// <summary>
/// An ONNX graph under construction, on ONNX's own protobuf classes (compiled from onnx.proto):
/// weights become initializers, layers become nodes. Every name is made unique, so layer exporters
/// can name things after their layer without coordinating.
/// </summary>
public sealed class OnnxGraph
{
    readonly HashSet<string> _names = new(StringComparer.Ordinal);

    internal GraphProto Proto { get; } = new();

    /// <summary>A float32 initializer holding a copy of <paramref name="value"/>'s data.</summary>
    public string Weight(string name, Tensor value)
    {
        var data = value.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan())) };
        proto.Dims.AddRange(value.shape);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>A float32 scalar initializer (for the arithmetic of decomposed activations).</summary>
    public string Scalar(string name, float value)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.FloatData.Add(value);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>An int64 vector initializer (a shape for Reshape).</summary>
    public string Int64s(string name, params long[] values)
    {
        var proto = new TensorProto { Name = Unique(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        Proto.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>
    /// Adds one node with one output, named after <paramref name="name"/>; returns the output's name.
    /// Attribute values: long, float, long[] or string.
    /// </summary>
    public string Node(string op, string name, IEnumerable<string> inputs, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Unique(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(node.Name);
        foreach (var (key, value) in attributes) node.Attribute.Add(Attribute(key, value));
        Proto.Node.Add(node);
        return node.Name;
    }

    public string Node(string op, string name, string input, params (string Name, object Value)[] attributes) =>
        Node(op, name, [input], attributes);

    /// <summary>A graph input or output: float32 with a symbolic batch dimension N and fixed others.</summary>
    internal static ValueInfoProto Value(string name, IEnumerable<long> sampleDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        foreach (var d in sampleDims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    string Unique(string name)
    {
        var candidate = name;
        for (int i = 1; !_names.Add(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }

    static AttributeProto Attribute(string name, object value)
    {
        var attribute = new AttributeProto { Name = name };
        switch (value)
        {
            case long l: attribute.Type = AttributeProto.Types.AttributeType.Int; attribute.I = l; break;
            case float f: attribute.Type = AttributeProto.Types.AttributeType.Float; attribute.F = f; break;
            case long[] ls: attribute.Type = AttributeProto.Types.AttributeType.Ints; attribute.Ints.AddRange(ls); break;
            case string s: attribute.Type = AttributeProto.Types.AttributeType.String; attribute.S = ByteString.CopyFromUtf8(s); break;
            default: throw new ArgumentException($"attribute {name}: unsupported value type {value.GetType().Name}");
        }
        return attribute;
    }
}
