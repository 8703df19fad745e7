using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Runner.Files;
using Runner.Models.Shapes;
using Runner.Planning;
using Runner.Results;
using Runner.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Recording;

/// <summary>
/// results/&lt;name&gt;/runs/&lt;directory&gt;/: the files of one run. result.json is written last and only for
/// a run that ended; a folder without it is a run to resume.
/// </summary>
public sealed class RunFolder(string path)
{
    public string Path { get; } = path;
    public string ConfigYaml => File("config.yaml");
    public string SummaryTxt => File("summary.txt");
    public string MetricsCsv => File("metrics.csv");
    public string PredictionsCsv => File("test_predictions.csv");
    public string FinalModel => File("model.bin");
    public string BestModel => File("best_model.bin");
    public string ResultJson => File("result.json");

    /// <summary>Held by the process training the run; it records that process's pid and host.</summary>
    public string LockFile => File(".lock");

    string File(string name) => System.IO.Path.Combine(Path, name);

    public void WriteStart(PlannedRun run)
    {
        Directory.CreateDirectory(Path);
        AtomicFile.WriteAllText(ConfigYaml, run.ResolvedYaml);
        AtomicFile.WriteAllText(SummaryTxt, Summary(run, null));
    }

    public void WriteEnd(PlannedRun run, RunOutcome outcome, string? summary)
    {
        AtomicFile.WriteAllText(SummaryTxt, summary ?? Summary(run, outcome));
        AtomicFile.WriteAllText(ResultJson, JsonSerializer.Serialize(outcome, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Forgets how the run ended (before it is retried), so that until it ends again it is unfinished.</summary>
    public void ClearResult() => System.IO.File.Delete(ResultJson);

    /// <summary>The outcome of an ended run, or null when the run has not ended (or never started).</summary>
    public RunOutcome? ReadResult()
    {
        if (!System.IO.File.Exists(ResultJson)) return null;
        // A damaged result.json (garbage, an unknown status) means the run did not end as far as
        // anyone can tell: it is trained again.
        try
        {
            var outcome = JsonSerializer.Deserialize<RunOutcome>(BoundedRead.Text(ResultJson, 1 << 20) ?? "");
            return outcome is { Status: RunStatus.Done or RunStatus.Failed or RunStatus.Diverged or RunStatus.Pruned } ? outcome : null;
        }
        catch (JsonException) { return null; }
    }

    public void WritePredictions(Tensor labels, Tensor predicted)
    {
        using var onCpu = labels.device_type == DeviceType.CPU ? null : labels.cpu();
        var truth = (onCpu ?? labels).data<long>().ToArray();
        var guess = predicted.data<long>().ToArray();
        AtomicFile.Write(PredictionsCsv, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
            csv.WriteField("index"); csv.WriteField("label"); csv.WriteField("predicted");
            csv.NextRecord();
            for (int i = 0; i < truth.Length; i++)
            {
                csv.WriteField(i); csv.WriteField(truth[i]); csv.WriteField(guess[i]);
                csv.NextRecord();
            }
        });
    }

    static string Summary(PlannedRun run, RunOutcome? outcome)
    {
        var text = new StringBuilder();
        text.AppendLine($"Run: {run.Id}");
        text.AppendLine($"Config hash: {run.Hash}");
        text.AppendLine();
        text.AppendLine(ModelSummary.Render(run.ModelPlan));
        if (outcome is null) return text.ToString();
        text.AppendLine();
        text.AppendLine($"Status: {outcome.Status}" + (outcome.Reason.Length > 0 ? $" ({outcome.Reason})" : ""));
        text.AppendLine($"Epochs: {outcome.Epochs}");
        if (outcome.Last is { } m) text.AppendLine(Line(m.Values));
        if (outcome.Test is { } t) text.AppendLine(Line(t.Prefixed(RecordedMetrics.TestPrefix)));
        text.AppendLine($"Seconds: {outcome.Seconds.ToString("F1", CultureInfo.InvariantCulture)}");
        if (outcome.Device is { } device) text.AppendLine($"Device: {device}");
        return text.ToString();
    }

    static string Line(MetricValues values) =>
        string.Join("  ", values.Select(v => $"{v.Key}: {v.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
}
