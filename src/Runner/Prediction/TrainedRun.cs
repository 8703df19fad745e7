using Runner.Results;
using Runner.Data;
using Runner.Config;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Reporting.Statistics;

namespace Runner.Prediction;

/// <summary>
/// A run that ended with a model: its folder, its validated experiment (loaded from its resolved
/// config.yaml by the same loader `runner run` uses) and its model.bin. Given an experiment's results
/// folder it is that experiment's best run by the report metric, as the leaderboard ranks it.
/// </summary>
/// <param name="DataDirectory">Where the run's relative data paths resolve: the experiment file's folder.</param>
public sealed record TrainedRun(string Folder, PlannedRun Run, string ModelFile, string DataDirectory, string? Note)
{
    public Experiment Experiment => Run.Experiment;
    public string Name => Path.GetFileName(Folder);

    /// <summary>The run in <paramref name="folder"/> (a run folder or a results folder); throws <see cref="UsageException"/>.</summary>
    public static TrainedRun Locate(string folder)
    {
        var full = Path.GetFullPath(folder);
        // A folder from someone else: a linked config.yaml would show another file's lines in our errors,
        // a FIFO result.json would block and a runs.csv linked to /dev/zero would fill the memory.
        if (Directory.Exists(full)) ResultsFolderGuard.Check(full);
        if (File.Exists(Path.Combine(full, ResultsLayout.RunsFile))) return FromRunFolder(BestRunFolder(full, folder), experimentFolder: full);
        if (File.Exists(Path.Combine(full, ResultsLayout.ConfigFile)))
        {
            var experimentFolder = Path.GetDirectoryName(Path.GetDirectoryName(full));
            if (experimentFolder is not null) ResultsFolderGuard.CheckFile(Path.Combine(experimentFolder, ResultsLayout.SweepFile));
            return FromRunFolder(full, experimentFolder);
        }
        throw new UsageException(Directory.Exists(full)
            ? $"{folder}: neither a run folder (it has no {ResultsLayout.ConfigFile}) nor an experiment's results folder (no {ResultsLayout.RunsFile}); give e.g. results/optimizers or results/optimizers/runs/<run>"
            : $"{folder}: no such folder");
    }

    static string BestRunFolder(string experimentFolder, string given)
    {
        var table = ResultsTable.Load(experimentFolder, _ => { });
        var best = SweepAnalysis.Of(table).BestRun
            ?? throw new UsageException($"{given}: no finished run has a value of {table.Metric} to rank by " +
                $"({string.Join(", ", table.Runs.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))}); give a run folder instead");
        return SafeRunFolder(experimentFolder, best.Folder, given);
    }

    /// <summary>runs.csv names the folder; it must stay inside the results folder and not be a symlink.</summary>
    static string SafeRunFolder(string experimentFolder, string runFolder, string given)
    {
        var runs = Path.Combine(experimentFolder, ResultsLayout.RunsFolder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(runFolder);
        if (!full.StartsWith(runs, StringComparison.Ordinal) || new DirectoryInfo(full).LinkTarget is not null)
            throw new UsageException($"{given}: {ResultsLayout.RunsFile} names a run folder outside {runs} or a symbolic link; refusing to read it");
        return full;
    }

    static TrainedRun FromRunFolder(string folder, string? experimentFolder)
    {
        var files = new RunFolder(folder);
        var name = Path.GetFileName(folder);
        if (!Directory.Exists(folder)) throw new UsageException($"run {name}: its folder {folder} is missing");
        var outcome = files.ReadResult();
        if (outcome is null)
            throw new UsageException($"run {name}: has not ended (no result.json): it is still running, or was interrupted and resumes " +
                "with `runner run`; it has no trained model yet");
        if (!File.Exists(files.FinalModel) || new FileInfo(files.FinalModel).LinkTarget is not null)
            throw new UsageException($"run {name}: {outcome.Status}{(outcome.Reason.Length > 0 ? $" ({outcome.Reason})" : "")}; it has no trained model (model.bin)");
        var note = outcome.Status == RunStatus.Pruned
            ? $"run {name} was pruned ({outcome.Reason}); its model is the one of epoch {outcome.Epochs}" : null;
        var (run, dataDirectory) = LoadConfig(files.ConfigYaml, experimentFolder);
        return new TrainedRun(folder, run, files.FinalModel, dataDirectory, note);
    }

    /// <summary>
    /// The run's resolved config, loaded as `runner run` loads an experiment. Relative paths (a csv
    /// dataset's) resolve against the experiment file's folder, which sweep.json records.
    /// </summary>
    static (PlannedRun Run, string DataDirectory) LoadConfig(string configPath, string? experimentFolder)
    {
        var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        if (experimentFolder is not null
            && SweepInfoReader.Read(Path.Combine(experimentFolder, ResultsLayout.SweepFile), "", _ => { }).Source is { } source)
            dataDirectory = Path.GetDirectoryName(Path.GetFullPath(source))!;
        // Messages name the run's own config.yaml; only relative data paths resolve from the experiment's folder.
        var result = ExperimentLoader.LoadText(File.ReadAllText(configPath), configPath, [], LoaderOptions.BuiltIn(maxRuns: 1), dataDirectory);
        if (result.Experiment is { Runs: [var run] }) return (run, dataDirectory);
        throw new UsageException($"{configPath}: cannot be loaded as an experiment:{Environment.NewLine}" +
            string.Join(Environment.NewLine, result.Errors.Select(e => $"  {e}")));
    }
}
