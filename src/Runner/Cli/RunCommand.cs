using Runner.Text;
using Runner.Results;
using System.CommandLine;
using Runner.Data;
using Runner.Files;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Sweeps.Launchers;
using Runner.Training;

namespace Runner.Cli;

/// <summary>`runner run FILE`: validate, plan, train every run not yet ended, then write the report.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ExperimentFile();
        var set = CommonOptions.Set();
        var results = CommonOptions.Results();
        var maxRuns = CommonOptions.MaxRuns();
        var jobs = new Option<string>("--jobs")
        {
            Description = "Runs to train at once: a number, or 'auto' (the default): one run per free core, one torch thread each, " +
                          "for a small model (up to 200,000 parameters); one run on every free core for a larger one; " +
                          "never more than the runs to train or than fit in half the available memory",
            DefaultValueFactory = _ => "auto",
        };
        var shard = new Option<string?>("--shard") { Description = "Take only part i of n of the runs (e.g. 2/3), to share a sweep between processes or machines; for a race or a TPE search, be one of its workers" };
        var only = new Option<string[]>("--only")
        {
            HelpName = "RUN_ID", Arity = ArgumentArity.ZeroOrMore,
            Description = "Train just this run (its id or folder name, as `runner plan` lists them); repeat it for several, which train as fused arrays " +
                          "where their shapes allow: what each task of `runner submit` runs",
        };
        var requeue = new Option<bool>("--requeue") { Description = "In a Slurm array task (with --only, or a worker of a race or TPE search): on USR1 (time limit near) or preemption, keep the last epoch's checkpoint, requeue this task and exit" };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop the sweep at the first failed or diverged run" };
        var fresh = new Option<bool>("--fresh") { Description = "Archive the experiment's previous results (results/<name>.archived-<time>) and start again" };
        var noRetry = new Option<bool>("--no-retry") { Description = "Keep runs that failed in an earlier invocation as failed (by default they are trained again)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the run table and an estimate of the duration; train nothing" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only run starts, ends and errors" };
        var noReport = new Option<bool>("--no-report") { Description = "Skip the charts and tables at the end (runner report can draw them later)" };

        var command = new Command("run", "Train every run of an experiment (resuming where an earlier invocation stopped)")
        {
            file, set, results, jobs, shard, only, requeue, failFast, fresh, noRetry, dryRun, quiet, noReport, maxRuns, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            TimeTrace.Mark("command line parsed");
            bool dry = parse.GetValue(dryRun);
            if (!dry) DataPrefetch.StartTorch();
            var experiment = Loading.Load(parse.GetValue(file)!, parse.GetValue(set) ?? [], parse.GetValue(maxRuns));
            if (experiment is null) return ExitCodes.ConfigError;
            TimeTrace.Mark("experiment loaded and planned");
            var flags = new RunFlags(parse.GetValue(results)!, parse.GetValue(jobs)!, parse.GetValue(shard), parse.GetValue(only) is { Length: > 0 } named ? named : null,
                parse.GetValue(requeue), parse.GetValue(failFast), parse.GetValue(fresh), RetryFailed: !parse.GetValue(noRetry));
            var launch = RunFlagsValidator.Check(flags, experiment, parse.GetValue(file)!);
            if (launch.Problem is { } problem) return Usage(problem);
            foreach (var note in launch.Notes ?? []) Console.Error.WriteLine(note);
            var options = launch.Options;
            if (dry) return PlanPrinter.Print(experiment, WithAutoJobs(experiment, options), estimate: true);
            var process = launch.Process;
            process?.TakingSignals();
            using var interruption = new Interruption(repeatedSignals: process?.RepeatsSignals ?? false);
            process?.SignalsTaken();
            // Started before `--jobs auto` samples the load: the dataset loads while it waits and the rest starts up.
            using var prefetch = new DataPrefetch(experiment, () => FirstToTrain(experiment, options), interruption.Token);
            options = WithAutoJobs(experiment, options);
            return Run(experiment, options, parse.GetValue(quiet), !parse.GetValue(noReport), process, interruption, prefetch);
        });
        return command;
    }

    static SweepOptions WithAutoJobs(LoadedExperiment experiment, SweepOptions options)
    {
        if (options.Jobs != 0) return options;
        // `--only`'s runs are one Slurm task's: one run, or one fused array, trained by one worker on all its threads.
        var auto = AutoJobs.For(experiment, options.Only is not null ? 1 : experiment.Runs.Count);
        Console.WriteLine($"--jobs auto: {auto.Describe()}");
        TimeTrace.Mark("--jobs auto decided");
        return options with { Jobs = auto.Jobs };
    }

    static int Run(LoadedExperiment experiment, SweepOptions options, bool quiet, bool report, ILaunchedProcess? process,
        Interruption interruption, DataPrefetch prefetch)
    {
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        var only = options.Only is { } names ? experiment.Runs.Where(r => names.Any(name => RunSelection.Matches(r, name))).ToList() : null;
        try
        {
            ResultsFolderGuard.Check(folder.Path, ResultsLayout.Folders);
            // A journal or warm-start folder the method can't go on from is refused before anything is written.
            if (!options.Fresh) SweepRunner.CheckDecisions(experiment, folder);
            // --fresh moves the old folder away before sweep.log is opened: an open log would move with it, and the
            // new sweep would go on writing into the archived folder's log.
            var archived = options.Fresh ? folder.Archive() : null;
            options = options with { Fresh = false };
            LeftoverCleanup.Clean(folder, experiment.Runs);
            Directory.CreateDirectory(folder.Path);
            using var log = new SweepLog(folder.LogFile);
            var screen = ScreenProgress.Create(quiet);
            IRunObserver observer = process?.Observer is { } listener ? new CompositeObserver(screen, log, listener) : new CompositeObserver(screen, log);
            if (TimeTrace.On) observer = new CompositeObserver(observer, new TimeTraceObserver());
            interruption.Say = observer.Message;
            if (archived is not null) observer.Message($"Archived the previous results to {archived}");
            observer.Message(only is null
                ? $"Experiment {experiment.Name}: {experiment.Runs.Count} runs -> {folder.Path}"
                : $"Experiment {experiment.Name}: {(only.Count == 1 ? "run" : "runs")} {string.Join(" ", only.Select(r => r.Id))}" + (process is null ? "" : $" ({process.Describe})") + $" -> {folder.Path}");
            if (Reporting.TrainingMetricNote.For(experiment.Runs[0].Experiment.Report.Metric) is { } note) observer.Message(note);
            if ((only is null || only.Count > 1) && FusedGroups.Summary(experiment, folder, options, RunnerRegistries.Models) is { } fused) observer.Message(fused);
            prefetch.Attach(observer.Message);
            var data = prefetch.Data;
            // Each named run's last finished epoch: a Slurm task stopped by its time limit asks whether each got further.
            var onlyAtStart = only?.Select(r => (r, new Checkpoint(folder.Run(r).Path).TryReadState()?.Epoch ?? 0)).ToList();
            try
            {
                int toTrain = options.Selection.Apply(experiment.Runs).Count(r => options.Fresh || NeedsTraining(folder, r, options));
                if (report) Reporting.Charts.ChartWarmUp.Start();   // on the core a sweep's start leaves idle
                var result = screen.Display(toTrain, () =>
                    new SweepRunner(RunnerRegistries.Models, data, observer).Run(experiment, options, interruption.Token));
                TimeTrace.Mark("sweep done");
                if (report) Summary.WarmUp();   // on the core the report's first, serial steps leave idle
                var written = report ? ReportStep.Write(folder, observer) : null;
                TimeTrace.Mark("report done");
                bool reported = !report || written is not null;
                int code = Summary.Print(result, folder, observer, options.Worker, written?.Answer ?? []);
                TimeTrace.Mark("summary printed");
                if (!reported && code == ExitCodes.Ok) code = ExitCodes.RuntimeError;
                // A signal that came after the last run still means "stopped by a signal" to the caller.
                return interruption.ExitCode != 0 ? interruption.ExitCode : code;
            }
            catch (OperationCanceledException) when (process is not null && interruption.ExitCode is ExitCodes.TimeLimit or ExitCodes.Terminated)
            {
                // The launcher's process stops its own way (a Slurm task requeues itself for the run it was training).
                var message = process.Stopped(interruption.ExitCode == ExitCodes.TimeLimit, folder, onlyAtStart,
                    (run, reason) => RunExecution.Fail(folder, experiment.Runs, observer, run, reason));
                observer.Message(message);
                return interruption.ExitCode;
            }
        }
        catch (OperationCanceledException) when (interruption.ExitCode != 0)
        {
            Console.Error.WriteLine($"runner: interrupted. Finished runs and the last completed epoch of the current run are saved in {folder.Path}.");
            Console.Error.WriteLine("Run the same command again to resume.");
            return interruption.ExitCode;
        }
        catch (Exception e) when (RuntimeErrors.IsUserFacing(e))
        {
            Console.Error.WriteLine($"runner: {RuntimeErrors.Describe(e)}");
            if (RunnerCli.Verbose) Console.Error.WriteLine(e);
            return ExitCodes.RuntimeError;
        }
    }

    static bool NeedsTraining(ExperimentFolder folder, PlannedRun run, SweepOptions options) =>
        folder.Run(run).ReadResult() is not { } ended || (options.RetryFailed && ended.Status == RunStatus.Failed);

    /// <summary>The first selected run this command will train (null: none, or a results folder not to be read).</summary>
    static PlannedRun? FirstToTrain(LoadedExperiment experiment, SweepOptions options)
    {
        var selected = options.Selection.Apply(experiment.Runs);
        if (options.Fresh) return selected.FirstOrDefault();
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        try { ResultsFolderGuard.Check(folder.Path, ResultsLayout.Folders); }
        catch (Exception e) when (e is UnsafeResultsFolderException or IOException or UnauthorizedAccessException) { return null; }   // Run refuses it
        return selected.FirstOrDefault(r => NeedsTraining(folder, r, options));
    }

    static int Usage(string message)
    {
        Console.Error.WriteLine($"runner run: {message}");
        return ExitCodes.ConfigError;
    }
}
