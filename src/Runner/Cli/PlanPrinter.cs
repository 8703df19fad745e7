using Runner.Text;
using Runner.Results;
using System.Globalization;
using Runner.Data;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods;
using Runner.Threading;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>
/// The run table of `runner plan` / `run --dry-run`: every run with its axis values and whether it is
/// done, partial (will resume) or new, plus an estimate of the time left from timing a few batches.
/// </summary>
public static class PlanPrinter
{
    public static int Print(LoadedExperiment experiment, SweepOptions options, bool estimate)
    {
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        ResultsFolderGuard.Check(folder.Path);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("#");
        table.AddColumn("run");
        table.AddColumn("state");
        if (estimate) table.AddColumn("estimate");

        DurationEstimate? estimator = null;
        PreparedDataCache? data = null;
        var load = new MachineLoad();
        TorchThreads? threads = null;
        if (estimate)
        {
            var context = new DataContext(Path.GetDirectoryName(Path.GetFullPath(experiment.SourcePath))!, m => Console.Error.WriteLine(m));
            data = new PreparedDataCache(RunnerRegistries.LoadedDatasets, context);
            threads = new TorchThreads(options.Jobs, load);
            estimator = new DurationEstimate(RunnerRegistries.Models, data, threads);
        }
        try
        {
            double total = 0;
            int mine = 0, pending = 0;
            // A journal `run` would refuse (another version's, or not Runner's) is refused here too, not shown.
            var method = SweepMethods.Of(experiment);
            method.CheckJournal(experiment, folder);
            var journal = DecisionJournal.Read(folder.Path);
            // The runs known now (a search's: those proposed so far; the rest are proposed as results come in).
            var runs = method.Known(experiment, folder);
            foreach (var (run, index) in runs.Select((r, i) => (r, i)))
            {
                if (options.Shard is { } shard && !shard.Takes(index)) continue;
                mine++;
                var runFolder = folder.Run(run);
                var (state, fromEpoch) = State(runFolder);
                bool notNeeded = false;
                if (state == "new")
                {
                    (state, bool needed) = method.NotStarted(experiment, run, journal);
                    notNeeded = !needed;
                }
                if (fromEpoch != int.MaxValue && !notNeeded) pending++;
                var row = new List<string> { (index + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Id), Markup.Escape(state) };
                if (estimator is not null)
                {
                    double seconds = fromEpoch == int.MaxValue || notNeeded ? 0 : estimator.Seconds(run, fromEpoch);
                    total += seconds;
                    row.Add(Durations.Estimate(seconds));
                }
                table.AddRow(row.ToArray());
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{experiment.Name}: {mine} runs" + (options.Shard is { } s ? $" in shard {s} of {experiment.Runs.Count}" : "") +
                              $", results in {folder.Path}");
            foreach (var line in SweepRunner.ChangeLines(folder, experiment with { Runs = runs })) Console.WriteLine(line); // a search's proposals are no change
            if (data is not null) foreach (var line in DataSizes(experiment, data)) Console.WriteLine(line);
            foreach (var line in method.Describe(experiment, runs)) Console.WriteLine(line);
            foreach (var line in experiment.Feasible?.Describe(experiment.Constraints) ?? []) Console.WriteLine(line);
            foreach (var line in DecisionsPrinter.Lines(folder.Path)) Console.WriteLine(line);
            foreach (var line in FusedGroups.Describe(experiment, folder, options, RunnerRegistries.Models)) Console.WriteLine(line);
            if (estimator is not null && pending == 0)
                Console.WriteLine("Nothing left to train: every run of the plan has ended.");
            else if (estimator is not null)
            {
                // The estimate times each run as if it trained alone; an array's runs share each step's calls,
                // so saying "N at a time" over their sum would promise the wrong thing.
                bool fuses = FusedGroups.Summary(experiment, folder, options, RunnerRegistries.Models) is not null;
                Console.WriteLine($"Estimated time left: {Durations.Estimate(total)} at {options.Jobs} run(s) at a time, as `runner run` would, " +
                                  "on this machine as loaded now (timed from a few batches of each distinct model and optimizer" +
                                  (fuses ? "; each run timed as if it trained alone: runs in a fused array share their steps and usually take less)"
                                   : options.Jobs == 1 ? "; `runner run --jobs N` can shorten it)" : ")"));
                Console.WriteLine(Busy(threads!.Choose(experiment.Runs.FirstOrDefault()?.Experiment.Train.Threads ?? 0)));
            }
            return ExitCodes.Ok;
        }
        finally
        {
            data?.Dispose();
        }
    }

    /// <summary>
    /// The samples each run trains, validates and tests on (train_limit limits only the training part, validation_limit
    /// the validation part): one line per distinct data setting, read from the data the estimate loaded.
    /// </summary>
    static IEnumerable<string> DataSizes(LoadedExperiment experiment, PreparedDataCache data)
    {
        foreach (var spec in experiment.Runs.Select(r => r.Experiment.Data).DistinctBy(d => d.ToString()))
        {
            PreparedData prepared;
            try { prepared = data.Get(spec); }
            catch (Exception e) when (e is IOException or DataFileException or DatasetUnavailableException) { continue; }   // run reports it
            var validation = prepared.ValidationX is { } v ? $" / {Numbers.Count(v.shape[0])} validation" : "";
            var limits = new[] { ("train_limit", spec.TrainLimit), ("validation_limit", spec.ValidationLimit), ("test_limit", spec.TestLimit) }
                .Where(l => l.Item2 is not null).Select(l => $"{l.Item1} {Numbers.Count(l.Item2!.Value)}").ToArray();
            yield return $"Data of each run: {Numbers.Count(prepared.TrainCount)} train{validation} / {Numbers.Count(prepared.TestX.shape[0])} test samples" +
                         (limits.Length > 0 ? $" ({string.Join(", ", limits)})" : "");
        }
    }

    /// <summary>Whether the machine is busy, and the thread count the estimate (and the runs) use.</summary>
    static string Busy(ThreadChoice choice) => choice.MachineBusy
        ? $"The machine is busy: {TorchThreads.Describe(choice)}. The estimate was timed so; a quieter machine will be faster."
        : $"The machine is quiet: {TorchThreads.Describe(choice)}.";

    /// <summary>
    /// done / pruned / diverged / failed (retried by the next run), running (pid, host) while another process
    /// trains it, partial (N epochs) when it will resume, new. FromEpoch is int.MaxValue when nothing is left to train here.
    /// </summary>
    static (string State, int FromEpoch) State(RunFolder folder)
    {
        if (folder.ReadResult() is { } result)
            return result.Status == RunStatus.Failed ? ("failed (will be retried)", 1) : (result.Status, int.MaxValue);
        if (FileLock.Holder(folder.LockFile) is { } owner) return ($"running ({owner})", int.MaxValue);
        int epochs = new MetricsLog(folder.MetricsCsv).Read().Count;
        return epochs > 0 ? ($"partial ({epochs} epochs)", epochs + 1) : ("new", 1);
    }
}
