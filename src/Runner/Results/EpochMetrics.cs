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
    /// <summary>The columns of metrics.csv after the metrics (<see cref="MetricsColumns.Epoch"/> comes before them).</summary>
    public static readonly string[] ColumnsAfterMetrics = [MetricsColumns.LearningRate, MetricsColumns.TrainSeconds, MetricsColumns.Seconds];

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
        var framing = EpochMetrics.ColumnsAfterMetrics.Append(MetricsColumns.Epoch).ToHashSet();
        var values = fields.Where(f => !framing.Contains(f.Name) && f.Value is not null)
            .Select(f => new KeyValuePair<string, double>(f.Name, f.Value!.Value));
        return new EpochMetrics((int)Field(MetricsColumns.Epoch), new MetricValues(values),
            Field(MetricsColumns.LearningRate), Field(MetricsColumns.TrainSeconds), Field(MetricsColumns.Seconds));
    }

    public override void Write(Utf8JsonWriter writer, EpochMetrics value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(MetricsColumns.Epoch, value.Epoch);
        foreach (var (name, v) in value.Values) JsonObjects.WriteNumber(writer, name, v);
        JsonObjects.WriteNumber(writer, MetricsColumns.LearningRate, value.LearningRate);
        JsonObjects.WriteNumber(writer, MetricsColumns.TrainSeconds, value.TrainSeconds);
        JsonObjects.WriteNumber(writer, MetricsColumns.Seconds, value.Seconds);
        writer.WriteEndObject();
    }
}
