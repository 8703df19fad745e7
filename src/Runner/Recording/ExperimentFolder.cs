using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Files;
using Runner.Planning;
using Runner.Results;

namespace Runner.Recording;

/// <summary>
/// results/&lt;name&gt;/: the stable home of one experiment's sweeps. Running the same file again finds
/// its finished runs here and skips them; `--fresh` moves the folder aside (never deletes it).
/// </summary>
public sealed class ExperimentFolder(string path)
{
    public string Path { get; } = path;
    public string ExperimentYaml => System.IO.Path.Combine(Path, ResultsLayout.ExperimentFile);
    public string SweepJson => System.IO.Path.Combine(Path, ResultsLayout.SweepFile);
    public string RunsCsv => System.IO.Path.Combine(Path, ResultsLayout.RunsFile);
    public string LogFile => System.IO.Path.Combine(Path, ResultsLayout.SweepLogFile);
    public string ReportDirectory => System.IO.Path.Combine(Path, ResultsLayout.ReportFolder);
    /// <summary>Held while a report is written, so --fresh can't move the folder from under it.</summary>
    public string ReportLock => System.IO.Path.Combine(ReportDirectory, ResultsLayout.LockFile);
    public string DecisionsFile => System.IO.Path.Combine(Path, ResultsLayout.DecisionsFile);

    public string RunsDirectory => System.IO.Path.Combine(Path, ResultsLayout.RunsFolder);

    public RunFolder Run(PlannedRun run) => Run(run.DirectoryName);
    public RunFolder Run(string directoryName) => new(System.IO.Path.Combine(RunsDirectory, directoryName));
    public RunsTable Runs => new(RunsCsv);

    /// <summary>
    /// Moves the folder to &lt;name&gt;.archived-&lt;timestamp&gt; beside it; returns where it went. Refuses
    /// (<see cref="FolderInUseException"/>) while another process holds any of its runs or writes its report: the
    /// move would take that run's lock and files away from under it, and a report would land in the new folder.
    /// Every run's lock and the report's are held during the move.
    /// </summary>
    public string? Archive()
    {
        if (!Directory.Exists(Path)) return null;
        var runs = RunsDirectory;
        var locks = new List<FileLock>();
        try
        {
            var held = new List<string>();
            foreach (var run in (Directory.Exists(runs) ? Directory.GetDirectories(runs) : []).Order(StringComparer.Ordinal))
            {
                var lockFile = new RunFolder(run).LockFile;
                if (FileLock.TryAcquire(lockFile, TimeSpan.Zero) is { } taken) locks.Add(taken);
                else held.Add($"{System.IO.Path.GetFileName(run)} (running: {FileLock.Holder(lockFile)?.ToString() ?? "another process"})");
            }
            if (File.Exists(ReportLock))
            {
                if (FileLock.TryAcquire(ReportLock, TimeSpan.Zero) is { } taken) locks.Add(taken);
                else held.Add($"its report (being written: {FileLock.Holder(ReportLock)?.ToString() ?? "another process"})");
            }
            if (held.Count > 0)
                throw new FolderInUseException($"--fresh would move {Path} away while another process trains in it or writes its report: " +
                    $"{string.Join("; ", held)}. Let it finish or stop it, then run again.");
            var target = $"{Path.TrimEnd('/')}.archived-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            Directory.Move(Path, target);
            return target;
        }
        finally
        {
            locks.ForEach(l => l.Dispose());
        }
    }

    /// <summary>The run directories of the plan this folder last ran (sweep.json's "plan"); empty when unknown.</summary>
    public IReadOnlyList<string> LastPlan() =>
        SweepJsonNode()?[SweepFileKeys.Plan] is JsonArray plan
            ? plan.Select(p => (p as JsonValue)?.GetValueKind() == JsonValueKind.String ? p!.GetValue<string>() : null).OfType<string>()
                .Where(ResultsLayout.IsRunFolderName).ToList()
            : [];

    /// <summary>The folder of the experiment file this folder last ran (sweep.json's "source"), where its relative
    /// paths resolve; the results folder itself when unknown.</summary>
    public string ConfigDirectory() =>
        SweepJsonNode()?[SweepFileKeys.Source] is JsonValue source && source.GetValueKind() == JsonValueKind.String
            && System.IO.Path.GetDirectoryName(source.GetValue<string>()) is { Length: > 0 } directory ? directory : Path;

    JsonNode? SweepJsonNode()
    {
        try { return File.Exists(SweepJson) && BoundedRead.Text(SweepJson, Limits.MaxResultsFileBytes) is { } text ? JsonNode.Parse(text) : null; }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException) { return null; }
    }

    public void Begin(LoadedExperiment experiment, int jobs, DateTime started)
    {
        Directory.CreateDirectory(Path);
        AtomicFile.WriteAllText(ExperimentYaml, File.ReadAllText(experiment.SourcePath));
        WriteSweepJson(experiment, jobs, started, finished: null);
    }

    public void Finish(LoadedExperiment experiment, int jobs, DateTime started, DateTime finished) =>
        WriteSweepJson(experiment, jobs, started, finished);

    void WriteSweepJson(LoadedExperiment experiment, int jobs, DateTime started, DateTime? finished)
    {
        var json = new JsonObject
        {
            [SweepFileKeys.Experiment] = experiment.Name,
            [SweepFileKeys.Source] = System.IO.Path.GetFullPath(experiment.SourcePath),
            [SweepFileKeys.Started] = started.ToString("o", CultureInfo.InvariantCulture),
            [SweepFileKeys.Finished] = finished?.ToString("o", CultureInfo.InvariantCulture),
            [SweepFileKeys.WallSeconds] = finished is { } f ? Math.Round((f - started).TotalSeconds, 1) : null,
            [SweepFileKeys.Runs] = experiment.Runs.Count,
            [SweepFileKeys.Jobs] = jobs,
            [SweepFileKeys.Machine] = MachineInfo.Describe(),
            [SweepFileKeys.Packages] = MachineInfo.Packages(),
            [SweepFileKeys.Axes] = new JsonArray(experiment.AxisNames.Select(a => (JsonNode)a).ToArray()),
            [SweepFileKeys.Metric] = experiment.Runs.FirstOrDefault()?.Experiment.Report.Metric ?? ResultsLayout.DefaultMetric,
            // The runs the report describes: exactly this plan's, matched by directory (id + config hash).
            [SweepFileKeys.Plan] = new JsonArray(experiment.Runs.Select(r => (JsonNode)r.DirectoryName).ToArray()),
            [SweepFileKeys.Space] = new JsonObject
            {
                ["kind"] = experiment.Shape.Kind,
                ["search"] = experiment.Shape.Search,
                ["log"] = new JsonArray(experiment.Shape.LogAxes.Select(a => (JsonNode)a).ToArray()),
            },
        };
        if (experiment.Runs.FirstOrDefault()?.Experiment.Report.Objectives is { Count: > 0 } objectives)
            json[SweepFileKeys.Objectives] = new JsonObject(objectives.Select(o => KeyValuePair.Create(o.Name, (JsonNode?)o.Direction)));
        if (experiment.Constraints.Any)
            json[SweepFileKeys.Constraints] = new JsonArray(experiment.Constraints.All.Select(c => (JsonNode)c.Text).ToArray());
        AtomicFile.WriteAllText(SweepJson, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}

/// <summary>A results folder another process is working in, so this one must not move it.</summary>
public sealed class FolderInUseException(string message) : IOException(message);
