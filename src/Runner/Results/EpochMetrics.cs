using System.Text.Json;
using System.Text.Json.Serialization;

namespace Runner.Results;

/// <summary>
/// One row of metrics.csv: the epoch, every recorded metric by its Keras name in recorded order (the
/// training split's, then the validation split's with `val_`: loss, accuracy, f1_score, val_loss,
/// val_accuracy, val_f1_score), the learning rate and the timings.
/// </summary>
[JsonConverter(typeof(EpochMetricsJson))]
public sealed record EpochMetrics(int Epoch, MetricValues Values, double LearningRate, double TrainSeconds, double Seconds)
{
    /// <summary>The columns of metrics.csv that are not metrics, in file order around them.</summary>
    public const string EpochColumn = "epoch", LearningRateColumn = "learning_rate", TrainSecondsColumn = "train_seconds", SecondsColumn = "seconds";

    public static readonly string[] ColumnsAfterMetrics = [LearningRateColumn, TrainSecondsColumn, SecondsColumn];

    /// <summary>A metric by the name used in configs and CSVs (loss, val_f1_score), or null when not recorded.</summary>
    public double? Get(string metric) => Values.Get(metric);
}

/// <summary>A flat object `{"epoch": 3, "loss": ..., "val_accuracy": ..., "learning_rate": ...}`; reads earlier versions' `{"Epoch": 3, "Loss": ...}`.</summary>
sealed class EpochMetricsJson : JsonConverter<EpochMetrics>
{
    public override EpochMetrics Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var fields = JsonObjects.Numbers(ref reader).Select(p => (Name: JsonObjects.SnakeCase(p.Name), p.Value)).ToList();
        double Field(string name) => fields.FirstOrDefault(f => f.Name == name).Value
            ?? throw new JsonException($"the epoch record lacks '{name}'");
        var framing = EpochMetrics.ColumnsAfterMetrics.Append(EpochMetrics.EpochColumn).ToHashSet();
        var values = fields.Where(f => !framing.Contains(f.Name) && f.Value is not null)
            .Select(f => new KeyValuePair<string, double>(f.Name, f.Value!.Value));
        return new EpochMetrics((int)Field(EpochMetrics.EpochColumn), new MetricValues(values),
            Field(EpochMetrics.LearningRateColumn), Field(EpochMetrics.TrainSecondsColumn), Field(EpochMetrics.SecondsColumn));
    }

    public override void Write(Utf8JsonWriter writer, EpochMetrics value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(EpochMetrics.EpochColumn, value.Epoch);
        foreach (var (name, v) in value.Values) JsonObjects.WriteNumber(writer, name, v);
        JsonObjects.WriteNumber(writer, EpochMetrics.LearningRateColumn, value.LearningRate);
        JsonObjects.WriteNumber(writer, EpochMetrics.TrainSecondsColumn, value.TrainSeconds);
        JsonObjects.WriteNumber(writer, EpochMetrics.SecondsColumn, value.Seconds);
        writer.WriteEndObject();
    }
}
