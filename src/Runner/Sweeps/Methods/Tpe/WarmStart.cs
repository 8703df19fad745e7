using System.Globalization;
using Runner.Config;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Reporting.Results;
using Runner.Results;
using Runner.Sweeps.Adaptive;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// A search's warm start (`warm_start:` in `tpe:`): the finished runs of earlier results folders whose axis values
/// fall in this space. Each is an observation for TPE (a configuration's value is the mean over its seeds), and
/// one whose resolved config equals one of this search's runs but for the experiment's name (same configuration,
/// same seed) is copied into that run's folder instead of trained. The earlier folders are someone else's
/// files: checked like every results folder (no links, no oversized files), each read bounded, and a run whose
/// data, model or training differs beyond the searched axes and the seed refuses the warm start. They are read
/// once and the list journaled (question <see cref="Question"/>), so a resumed search decides from the same list.
/// </summary>
public static class WarmStart
{
    public const string Question = "warm start";
    public const string Observe = "observe", Reuse = "reuse";
    const string SeedKey = ".seed", ReusesKey = ".reuses";
    const int MaxRunsPerFolder = 100_000;

    /// <summary>The journaled list, read from the earlier folders when it is not journaled yet; empty without warm start.</summary>
    public static IReadOnlyList<Decision> Earlier(TpeSearch search, DecisionJournal journal, string ownFolder, string metric) =>
        search.Spec.WarmStart.Count == 0 ? [] : journal.Decide(Question, () => Scan(search, ownFolder, metric));

    /// <summary>Checks the earlier folders (`run`, `plan` and `submit` ask first, writing nothing) unless the list is journaled.</summary>
    public static void Check(TpeSearch search, IReadOnlyList<JournalEntry> journal, string ownFolder, string metric)
    {
        if (search.Spec.WarmStart.Count > 0 && !journal.Any(e => e.Question == Question)) Scan(search, ownFolder, metric);
    }

    /// <summary>Every usable earlier run, in folder and plan order: <see cref="Reuse"/> when this search has its configuration and seed.
    /// A folder it can't start from is refused at its `warm_start:` entry (file:line:col), before anything is written.</summary>
    public static IReadOnlyList<Decision> Scan(TpeSearch search, string ownFolder, string metric)
    {
        var found = new List<Decision>();
        foreach (var entry in search.Spec.WarmStartFolders)
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry.Written)); // "x/" would follow a link x
            string Refuse(string problem) => $"{entry.At}: sweep.tpe.warm_start: '{entry.Written}' {problem}";
            switch (FileKind.Of(folder))
            {
                case FileType.Missing:
                    throw new SweepInputException(Refuse("does not exist; give the results folder of an earlier search, e.g. results/<its name>"));
                case FileType.Symlink:
                    throw new SweepInputException(Refuse($"is a symbolic link (to {new FileInfo(folder).LinkTarget}), refused: Runner never follows a link " +
                                                         "to or inside a results folder; give the results folder itself"));
                case not FileType.Directory:
                    throw new SweepInputException(Refuse("is not a folder; give the results folder of an earlier search, e.g. results/<its name>"));
            }
            if (RealPath.Of(folder) == RealPath.Of(Path.GetFullPath(ownFolder)))
                throw new SweepInputException(Refuse("is this search's own results folder; a search goes on from its own runs without warm start"));
            if (FileKind.Of(Path.Combine(folder, ResultsLayout.RunsFile)) != FileType.Regular && FileKind.Of(Path.Combine(folder, ResultsLayout.RunsFolder)) != FileType.Directory)
                throw new SweepInputException(Refuse($"is not a Runner results folder: it has no {ResultsLayout.RunsFile} and no {ResultsLayout.RunsFolder}/ folder. " +
                    $"A results folder is what `runner run` writes for an experiment, results/<experiment name>/, with {ResultsLayout.RunsFile}, " +
                    $"{ResultsLayout.SweepFile} and one folder per run under {ResultsLayout.RunsFolder}/"));
            try { ResultsFolderGuard.Check(folder, ResultsLayout.Folders); }
            catch (UnsafeResultsFolderException e) { throw new SweepInputException(Refuse($"can't be read safely: {e.Message}")); }
            ResultsTable table;
            try { table = ResultsTable.Load(folder, _ => { }, histories: false); }
            catch (IOException e) { throw new SweepInputException(Refuse($"is not a results folder Runner can read: {e.Message}")); }
            foreach (var run in table.Runs.Where(r => r.IsDone).Take(MaxRunsPerFolder))
                if (Read(search, entry, folder, run, metric) is { } decision) found.Add(decision);
        }
        return found;
    }

    /// <summary>One earlier run as an observation, or null when it is outside this space or has no value.</summary>
    static Decision? Read(TpeSearch search, WarmStartFolder entry, string folder, RunResult run, string metric)
    {
        if (!ResultsLayout.IsRunFolderName(run.Directory)) return null;
        var dir = Path.Combine(folder, ResultsLayout.RunsFolder, run.Directory);
        if (FileKind.Of(dir) != FileType.Directory) return null;
        // A parameter of a branch the run did not take records nothing (NaN), as in TPE's own journal.
        var space = search.Spec.Space;
        var point = space.Parameters.Select(p => run.AxisValue(p.Name) is var text && text == "" && p.When is not null ? double.NaN : p.Distribution.TryPoint(text)).ToList();
        if (point.Any(p => p is null) || !SpaceCondition.Consistent(space.Conditions, point.Select(p => p!.Value).ToList())) return null;
        if (RunOutcome.Read(Path.Combine(dir, ResultsLayout.ResultFile)) is not { } outcome || FinalValue.Of(outcome, metric) is var value && !double.IsFinite(value))
            return null;
        var configPath = Path.Combine(dir, ResultsLayout.ConfigFile);
        if (FileKind.Of(configPath) != FileType.Regular || BoundedRead.Text(configPath, Limits.MaxResultsFileBytes) is not { } config) return null;

        var ours = search.PlanRuns(0, point.Select(p => p!.Value).ToList());
        var differs = ConfigDiff.Lines(config, ours[0].ResolvedYaml).Where(line => !Ignored(line)).ToList();
        if (differs.Count > 0)
            throw new SweepInputException($"{entry.At}: sweep.tpe.warm_start: {configPath}: this earlier run is not of this search's experiment, it differs in {string.Join("; ", differs.Take(4))}" +
                                         (differs.Count > 4 ? $" (and {differs.Count - 4} more)" : "") +
                                         "; warm start only from a search of the same data, model and training (only the searched axes and the seed may differ)");
        var same = ours.FirstOrDefault(o => ConfigDiff.Lines(config, o.ResolvedYaml).All(line => line.StartsWith("name:", StringComparison.Ordinal)));
        var values = space.Parameters.Select((p, i) => (p.Name, Text: CompactText.Of(p.Distribution.Value(point[i]!.Value))))
            .ToDictionary(v => v.Name, v => v.Text);
        if (same is not null)
        {
            values[SeedKey] = TrialSeeds.SeedOf(same).ToString(CultureInfo.InvariantCulture);
            values[ReusesKey] = same.Hash;
        }
        return new Decision(same is null ? Observe : Reuse, dir,
            $"run {run.RunId} of {folder}: {metric} {value.ToString("R", CultureInfo.InvariantCulture)}" + (same is null ? " (another seed: an observation only)" : ""),
            value, Parameters: values);
    }

    // The experiment's name (another folder) and the seed (a configuration's repeat) may differ.
    static bool Ignored(string line) => line.StartsWith("name:", StringComparison.Ordinal) || line.StartsWith("train.seed:", StringComparison.Ordinal);

    /// <summary>TPE's observations from the earlier runs of configurations this search has not run: each configuration's mean over its seeds.</summary>
    public static IReadOnlyList<Observation> Observations(TpeSpec spec, IReadOnlyList<Decision> earlier, IReadOnlySet<string> ownPoints) =>
        earlier.Where(d => d.Value is not null && d.Parameters is not null)
            .GroupBy(d => PointKey(spec, d.Parameters!))
            .Where(g => !ownPoints.Contains(g.Key))
            .Select(g => new Observation(spec.Space.Point(name => g.First().Parameters![name]), g.Average(d => d.Value!.Value)))
            .ToList();

    /// <summary>A configuration's key: its searched axis values, in the space's order.</summary>
    public static string PointKey(TpeSpec spec, IReadOnlyDictionary<string, string> values) =>
        string.Join("\u001f", spec.Space.Parameters.Select(p => values.TryGetValue(p.Name, out var v) ? v : ""));

    /// <summary>The earlier run folder that holds this search's run of <paramref name="hash"/>, if one does.</summary>
    public static string? SourceOf(IReadOnlyList<Decision> earlier, string hash) =>
        earlier.FirstOrDefault(d => d.Kind == Reuse && d.Parameters?.GetValueOrDefault(ReusesKey) == hash)?.Subject;

    /// <summary>
    /// Copies an earlier run into this search's run folder (never moves or links it): every regular file but its lock,
    /// config.yaml written as this search's (it differs in the experiment's name alone) and result.json last, so a
    /// copy cut short is an unfinished run. False, copying nothing, when the source is gone or not a finished run, a
    /// file is larger than Runner writes for this run (<see cref="MaxCopyBytes"/>), or another process holds the run.
    /// </summary>
    public static bool Copy(string source, PlannedRun run, RunFolder target)
    {
        if (FileKind.Of(source) != FileType.Directory) return false;
        ResultsFolderGuard.Check(source);
        if (RunOutcome.Read(Path.Combine(source, ResultsLayout.ResultFile)) is not { } outcome) return false;
        string[] own = [ResultsLayout.LockFile, ResultsLayout.ResultFile, ResultsLayout.ConfigFile];
        var files = Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => (File: file, Relative: Path.GetRelativePath(source, file)))
            .Where(f => !own.Contains(f.Relative) && FileKind.Of(f.File) == FileType.Regular).ToList();
        if (files.Any(f => new FileInfo(f.File).Length > MaxCopyBytes(f.Relative, run))) return false;
        Directory.CreateDirectory(target.Path);
        using var held = FileLock.TryAcquire(target.LockFile, TimeSpan.Zero);
        if (held is null) return false;
        if (target.ReadResult() is not null) return true;
        foreach (var (file, relative) in files)
        {
            var destination = Path.Combine(target.Path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
        AtomicFile.WriteAllText(target.ConfigYaml, run.ResolvedYaml);
        AtomicFile.WriteAllText(target.ResultJson, outcome.ToJson());
        return true;
    }

    /// <summary>
    /// The most a copied file may hold: a model file, 16 bytes a parameter and 1 MiB (TorchSharp writes 4, and a name and
    /// shape per tensor); any other, a results file's limit. The earlier folder is someone else's: a sparse file of
    /// gigabytes takes no disk there and would take gigabytes here.
    /// </summary>
    public static long MaxCopyBytes(string relative, PlannedRun run) => relative is ResultsLayout.ModelFile or ResultsLayout.BestModelFile
        ? 16L * run.ModelPlan.TotalParameters + 1024 * 1024
        : Limits.MaxResultsFileBytes;

    /// <summary>The journal's question for a copied run: the report reads where each came from.</summary>
    public static string CopyQuestion(string run) => $"{Question} copy {run}";

    /// <summary>Every copied run of this search and the folder it came from, from the journal alone.</summary>
    public static IReadOnlyList<(string Run, string From)> Copies(IReadOnlyList<JournalEntry> journal) =>
        journal.Where(e => e.Question.StartsWith(Question + " copy ", StringComparison.Ordinal))
            .SelectMany(e => e.Decisions.Where(d => d.Kind == Reuse).Select(d => (d.Subject, d.Reason))).ToList();
}
