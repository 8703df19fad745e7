using Google.Protobuf;

namespace Runner.Tests.TensorBoard;

/// <summary>
/// A schema-free protobuf decoder for tests: the fields of a message by number, so the hand-encoded
/// hparams messages can be checked independently of the code that wrote them.
/// </summary>
internal sealed class ProtoFields
{
    readonly List<(int Field, object Value)> _fields = [];

    public ProtoFields(ByteString bytes) : this(bytes.ToByteArray()) { }

    public ProtoFields(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            object value = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadDouble(),
                WireFormat.WireType.Fixed32 => input.ReadFloat(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes(),
                var other => throw new InvalidDataException($"unexpected wire type {other}"),
            };
            _fields.Add((field, value));
        }
    }

    public IEnumerable<ByteString> Bytes(int field) => _fields.Where(f => f.Field == field).Select(f => (ByteString)f.Value);
    public ProtoFields Message(int field) => new(Bytes(field).Single());
    public IEnumerable<ProtoFields> Messages(int field) => Bytes(field).Select(b => new ProtoFields(b));
    public string Text(int field) => Bytes(field).SingleOrDefault()?.ToStringUtf8() ?? "";
    public ulong Varint(int field) => _fields.Where(f => f.Field == field).Select(f => (ulong)f.Value).SingleOrDefault();
    public double Double(int field) => _fields.Where(f => f.Field == field).Select(f => (double)f.Value).SingleOrDefault();
    public bool Has(int field) => _fields.Any(f => f.Field == field);
}
