using Runner.Results;
using System.CommandLine;
using Runner.Data;
using Runner.Files;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Slurm;
using Runner.Sweeps;
using Runner.Sweeps.Methods.FixedPlan;
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
        var only = new Option<string?>("--only") { HelpName = "RUN_ID", Description = "Train just this run (its id or folder name, as `runner plan` lists them): what each task of `runner submit` runs" };
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
            if (!TryJobs(parse.GetValue(jobs)!, out int jobCount)) return Usage("--jobs takes a positive number or 'auto'");
            Shard? shardValue = null;
            if (parse.GetValue(shard) is { } s)
            {
                if (!Shard.TryParse(s, out var parsed)) return Usage($"--shard takes i/n with 1 <= i <= n, e.g. 2/3; got '{s}'");
                shardValue = parsed;
            }
            var onlyValue = parse.GetValue(only);
            if (onlyValue is not null && (shardValue is not null || parse.GetValue(fresh)))
                return Usage("--only takes one run; it doesn't combine with --shard or --fresh");
            var experiment = Loading.Load(parse.GetValue(file)!, parse.GetValue(set) ?? [], parse.GetValue(maxRuns));
            if (experiment is null) return ExitCodes.ConfigError;
            var method = Sweeps.Methods.SweepMethods.Of(experiment);
            bool adaptive = method.SharedByWorkers;
            if (adaptive && onlyValue is not null)
                return Usage($"--only trains one run of a fixed plan, and {method.Decides}; " +
                             $"to share it between processes or machines, start workers with --shard i/n (or `runner submit`)");
            if (onlyValue is not null && !experiment.Runs.Any(r => RunSelection.Matches(r, onlyValue)))
                return Usage($"--only: the plan of {parse.GetValue(file)} has no run '{onlyValue}' (was the file changed since?); `runner plan {parse.GetValue(file)}` lists its {experiment.Runs.Count} runs");
            SlurmTask? task = null;
            if (parse.GetValue(requeue))
            {
                if (onlyValue is null && !adaptive) return Usage("--requeue goes with --only RUN_ID (one run per Slurm array task), or with a worker of a race or TPE search");
                task = SlurmTask.FromEnvironment();
                if (task is null) return Usage("--requeue works inside a Slurm array task; SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set");
            }
            if (adaptive && shardValue is not null)
            {
                // An adaptive sweep has no fixed parts to split: every shard is an equal worker that takes the next
                // run no other worker has (TPE: the next proposal; a race: a run of the current round).
                Console.Error.WriteLine($"runner run: shard {shardValue} of a {method.Noun} is one of its workers: " +
                                        $"it shares the decisions in {Sweeps.Adaptive.DecisionJournal.FileName} with the others and takes the next run none of them has");
                shardValue = null;
            }
            bool worker = adaptive && parse.GetValue(shard) is not null;
            if (jobCount == 0)
            {
                var auto = AutoJobs.For(experiment, onlyValue is not null ? 1 : experiment.Runs.Count);
                jobCount = auto.Jobs;
                Console.WriteLine($"--jobs auto: {auto.Describe()}");
            }
            var options = new SweepOptions(parse.GetValue(results)!, jobCount, shardValue, parse.GetValue(failFast), parse.GetValue(fresh), onlyValue,
                RetryFailed: !parse.GetValue(noRetry), Worker: worker);
            if (parse.GetValue(dryRun)) return PlanPrinter.Print(experiment, options, estimate: true);
            return Run(experiment, options, parse.GetValue(quiet), !parse.GetValue(noReport), task);
        });
        return command;
    }

    static int Run(LoadedExperiment experiment, SweepOptions options, bool quiet, bool report, SlurmTask? task)
    {
        if (task is not null) BatchShell.TakeSignals();
        using var interruption = new Interruption(slurmTask: task is not null);
        if (task is not null) BatchShell.NotifyReady();   // the batch shell held USR1 and SIGTERM until now
        var folder = new ExperimentFolder(Path.Combine(options.ResultsRoot, experiment.Name));
        var only = options.Only is { } name ? experiment.Runs.First(r => RunSelection.Matches(r, name)) : null;
        try
        {
            ResultsFolderGuard.Check(folder.Path, ResultsLayout.Folders);
            // --fresh moves the old folder away before sweep.log is opened: an open log would move with it, and the
            // new sweep would go on writing into the archived folder's log.
            var archived = options.Fresh ? folder.Archive() : null;
            options = options with { Fresh = false };
            LeftoverCleanup.Clean(folder, experiment.Runs);
            Directory.CreateDirectory(folder.Path);
            using var log = new SweepLog(folder.LogFile);
            var screen = ScreenProgress.Create(quiet);
            var inProgress = new RunsInProgress();
            var observer = new CompositeObserver(screen, log, inProgress);
            interruption.Say = observer.Message;
            if (archived is not null) observer.Message($"Archived the previous results to {archived}");
            observer.Message(only is null
                ? $"Experiment {experiment.Name}: {experiment.Runs.Count} runs -> {folder.Path}"
                : $"Experiment {experiment.Name}: run {only.Id}" + (task is null ? "" : $" (Slurm task {task.Id}, attempt {task.RestartCount + 1})") + $" -> {folder.Path}");
            if (Reporting.TrainingMetricNote.For(experiment.Runs[0].Experiment.Report.Metric) is { } note) observer.Message(note);
            if (only is null && FusedGroups.Summary(experiment, folder, options, RunnerRegistries.Models) is { } fused) observer.Message(fused);
            var context = new DataContext(Path.GetDirectoryName(Path.GetFullPath(experiment.SourcePath))!, observer.Message, interruption.Token);
            using var data = new PreparedDataCache(RunnerRegistries.LoadedDatasets, context);
            int epochAtStart = only is null ? 0 : new Checkpoint(folder.Run(only).Path).TryReadState()?.Epoch ?? 0;
            try
            {
                int toTrain = options.Selection.Apply(experiment.Runs).Count(r => options.Fresh || folder.Run(r).ReadResult() is not { } ended
                                                                                  || (options.RetryFailed && ended.Status == RunStatus.Failed));
                if (report) Reporting.Charts.ChartWarmUp.Start();   // on the core a sweep's start leaves idle
                var result = screen.Display(toTrain, () =>
                    new SweepRunner(RunnerRegistries.Models, data, observer).Run(experiment, options, interruption.Token));
                var written = report ? ReportStep.Write(folder, observer) : null;
                bool reported = !report || written is not null;
                int code = Summary.Print(result, folder, observer, options.Worker, written?.Answer ?? []);
                if (!reported && code == ExitCodes.Ok) code = ExitCodes.RuntimeError;
                // A signal that came after the last run still means "stopped by a signal" to the caller.
                return interruption.ExitCode != 0 ? interruption.ExitCode : code;
            }
            catch (OperationCanceledException) when (task is not null && interruption.ExitCode is ExitCodes.TimeLimit or ExitCodes.Terminated)
            {
                // One run (--only), or what a worker of an adaptive sweep was training when the signal came.
                var stopped = only is not null ? (only, epochAtStart) : inProgress.Oldest;
                bool timeLimit = interruption.ExitCode == ExitCodes.TimeLimit;
                var message = stopped is not { } current ? TaskStop.HandleIdle(timeLimit, task)
                    : TaskStop.Handle(timeLimit, task, current.Item1, folder.Run(current.Item1), current.Item2,
                        reason => new RunExecution(RunnerRegistries.Models, data, folder, new FixedPlanSweeper(experiment, folder, options.Selection), observer).Fail(current.Item1, reason));
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

    static bool TryJobs(string text, out int jobs)
    {
        if (text == "auto") { jobs = 0; return true; }   // decided with the experiment: AutoJobs
        return int.TryParse(text, out jobs) && jobs > 0;
    }

    static int Usage(string message)
    {
        Console.Error.WriteLine($"runner run: {message}");
        return ExitCodes.ConfigError;
    }
}
