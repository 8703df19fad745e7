using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Runner.TensorBoard;

/// <summary>
/// Hand-encoded messages of TensorBoard's HParams plugin (tensorboard/plugins/hparams/plugin_data.proto
/// and api.proto). TorchSharp ships the Event and Summary classes but not these, and the few fields
/// needed are simpler to write directly than to generate. Each method returns a serialised
/// HParamsPluginData (version 0) holding one of experiment, session_start_info or session_end_info.
/// </summary>
internal static class HParamsPluginData
{
    const int Version = 0;

    // HParamsPluginData fields
    const int VersionField = 1, ExperimentField = 2, SessionStartField = 3, SessionEndField = 4;

    public static ByteString Experiment(string name, IReadOnlyList<HParamAxis> axes, IReadOnlyList<MetricTag> metrics, double timeCreatedSeconds) =>
        PluginData(ExperimentField, Message(experiment =>
        {
            foreach (var axis in axes)
                WriteMessage(experiment, 4, HParamInfo(axis));               // repeated HParamInfo hparam_infos = 4
            foreach (var metric in metrics)
                WriteMessage(experiment, 5, MetricInfo(metric));             // repeated MetricInfo metric_infos = 5
            experiment.WriteTag(3, WireFormat.WireType.Fixed64);            // double time_created_secs = 3
            experiment.WriteDouble(timeCreatedSeconds);
            WriteString(experiment, 6, name);                                // string name = 6
        }));

    public static ByteString SessionStart(IReadOnlyList<KeyValuePair<string, Value>> hparams, string groupName, double startSeconds) =>
        PluginData(SessionStartField, Message(start =>
        {
            foreach (var (key, value) in hparams)                            // map<string, Value> hparams = 1
                WriteMessage(start, 1, Message(entry =>
                {
                    WriteString(entry, 1, key);
                    WriteMessage(entry, 2, value.ToByteArray());
                }));
            WriteString(start, 4, groupName);                                // string group_name = 4
            start.WriteTag(5, WireFormat.WireType.Fixed64);                  // double start_time_secs = 5
            start.WriteDouble(startSeconds);
        }));

    public static ByteString SessionEnd(SessionStatus status, double endSeconds) =>
        PluginData(SessionEndField, Message(end =>
        {
            end.WriteTag(1, WireFormat.WireType.Varint);                     // Status status = 1
            end.WriteEnum((int)status);
            end.WriteTag(2, WireFormat.WireType.Fixed64);                    // double end_time_secs = 2
            end.WriteDouble(endSeconds);
        }));

    static byte[] HParamInfo(HParamAxis axis) => Message(info =>
    {
        WriteString(info, 1, axis.Name);                                      // string name = 1
        info.WriteTag(4, WireFormat.WireType.Varint);                        // DataType type = 4
        info.WriteEnum((int)axis.Type);
        if (axis.Interval is { } interval)
        {
            WriteMessage(info, 6, Message(range =>                           // Interval domain_interval = 6
            {
                range.WriteTag(1, WireFormat.WireType.Fixed64);              // double min_value = 1
                range.WriteDouble(interval.Low);
                range.WriteTag(2, WireFormat.WireType.Fixed64);              // double max_value = 2
                range.WriteDouble(interval.High);
            }));
            return;
        }
        var domain = new ListValue();                                        // ListValue domain_discrete = 5
        domain.Values.AddRange(axis.Values.Select(v => HParamValue.Of(v, axis.Type)));
        WriteMessage(info, 5, domain.ToByteArray());
    });

    static byte[] MetricInfo(MetricTag metric) => Message(info =>
    {
        WriteMessage(info, 1, Message(name =>                                // MetricName name = 1
        {
            WriteString(name, 1, metric.Group);                               // string group = 1
            WriteString(name, 2, metric.Tag);                                 // string tag = 2
        }));
        WriteString(info, 3, metric.DisplayName);                             // string display_name = 3
        info.WriteTag(5, WireFormat.WireType.Varint);                        // DatasetType dataset_type = 5
        info.WriteEnum((int)metric.Dataset);
    });

    static ByteString PluginData(int field, byte[] content) => ByteString.CopyFrom(Message(data =>
    {
        data.WriteTag(VersionField, WireFormat.WireType.Varint);
        data.WriteInt32(Version);
        WriteMessage(data, field, content);
    }));

    static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }
        return buffer.ToArray();
    }

    static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    static void WriteString(CodedOutputStream output, int field, string text)
    {
        if (text.Length == 0) return;   // proto3 leaves default values out
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(text);
    }
}

/// <summary>
/// A sweep axis as an HParams hyperparameter: its name, type and every value it takes, or, for a number a
/// search draws as it goes (TPE), the interval its values come from (the UI filters on the domain, so a
/// list of the values known at the start would hide every later trial).
/// </summary>
public sealed record HParamAxis(string Name, HParamType Type, IReadOnlyList<string> Values, (double Low, double High)? Interval = null)
{
    public static HParamAxis Of(string name, IReadOnlyList<string> values) => new(name, HParamValue.TypeOf(values), values);

    public static HParamAxis Between(string name, double low, double high) => new(name, HParamType.Float64, [], (low, high));
}

/// <summary>api.proto Status of a session.</summary>
public enum SessionStatus { Unknown = 0, Success = 1, Failure = 2, Running = 3 }

/// <summary>api.proto DatasetType of a metric.</summary>
public enum MetricDataset { Unknown = 0, Training = 1, Validation = 2 }
