using Runner.Text;
using System.Globalization;
using System.Text;
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
public sealed class RunFolder(string path) : IRunRecord
{
    public string Path { get; } = path;
    public string ConfigYaml => File(ResultsLayout.ConfigFile);
    public string SummaryTxt => File(ResultsLayout.SummaryFile);
    public string MetricsCsv => File(ResultsLayout.MetricsFile);
    public string PredictionsCsv => File(ResultsLayout.PredictionsFile);
    public string FinalModel => File(ResultsLayout.ModelFile);
    public string BestModel => File(ResultsLayout.BestModelFile);
    public string ResultJson => File(ResultsLayout.ResultFile);
    public IEpochLog Epochs => new MetricsLog(MetricsCsv);

    /// <summary>Held by the process training the run; it records that process's pid and host.</summary>
    public string LockFile => File(ResultsLayout.LockFile);

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
        AtomicFile.WriteAllText(ResultJson, outcome.ToJson());
    }

    /// <summary>Forgets how the run ended (before it is retried), so that until it ends again it is unfinished.</summary>
    public void ClearResult() => System.IO.File.Delete(ResultJson);

    /// <summary>The outcome of an ended run, or null when the run has not ended (or never started).</summary>
    public RunOutcome? ReadResult() => RunOutcome.Read(ResultJson);

    public void WritePredictions(Tensor labels, Tensor predicted)
    {
        using var onCpu = labels.device_type == DeviceType.CPU ? null : labels.cpu();
        var truth = (onCpu ?? labels).data<long>().ToArray();
        var guess = predicted.data<long>().ToArray();
        AtomicFile.Write(PredictionsCsv, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
            foreach (var column in PredictionColumns.All) csv.WriteField(column);
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
        text.AppendLine($"Seconds: {Numbers.Seconds(outcome.Seconds)}");
        if (outcome.Device is { } device) text.AppendLine($"Device: {device}");
        return text.ToString();
    }

    static string Line(MetricValues values) =>
        string.Join("  ", values.Select(v => $"{v.Key}: {Numbers.Metric(v.Value)}"));
}
