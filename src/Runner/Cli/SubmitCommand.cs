using Runner.Results;
using System.CommandLine;
using Runner.Files;
using Runner.Recording;
using Runner.Status;
using Runner.Sweeps;
using Runner.Sweeps.Launchers.Slurm;
using Runner.Sweeps.Methods;

namespace Runner.Cli;

/// <summary>
/// `runner submit FILE`: the Slurm launcher's command. The sweep as a Slurm job array (one task per process of
/// the method's <see cref="WorkShare"/>: a fused array or lone run not yet done or pruned, <see cref="SubmitArrays"/>;
/// a race or TPE search: a worker) plus a
/// report job after it. Returns once submitted, so a dropped SSH session loses nothing; --wait blocks
/// until both jobs have ended and exits as `runner run` would.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ExperimentFile();
        var set = CommonOptions.Set();
        var results = CommonOptions.Results();
        var maxRuns = CommonOptions.MaxRuns();
        var partition = new Option<string?>("--partition") { Description = "Slurm partition of the tasks and the report job" };
        var time = new Option<string?>("--time") { Description = "Time limit of each task, as sbatch takes it (e.g. 2:00:00); a run that needs longer is requeued and resumes" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many tasks at once (the array's %N)" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs of each task (torch uses that many threads)", DefaultValueFactory = _ => 1 };
        var mem = new Option<string?>("--mem") { Description = "Memory of each task, as sbatch takes it (e.g. 4G)" };
        var gpus = new Option<string?>("--gpus") { Description = "GPUs of each task, as sbatch takes it (e.g. 1)" };
        var sbatch = new Option<string[]>("--sbatch") { HelpName = "ARG", Description = "An sbatch option passed through to both jobs, e.g. --sbatch=--account=lab (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var grace = new Option<int>("--grace") { HelpName = "SECONDS", Description = "Seconds before the time limit at which a task checkpoints and requeues itself (USR1)", DefaultValueFactory = _ => 120 };
        var wait = new Option<bool>("--wait") { Description = "Block until the array and the report job have ended; exit as `runner run` would" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the batch scripts; submit and write nothing" };

        var command = new Command("submit", "Submit the sweep to Slurm as a job array (one task per fused array or lone run not done or pruned; a race or TPE search: one per worker) and a report job; returns at once")
        {
            file, set, results, partition, time, maxParallel, cpus, mem, gpus, sbatch, grace, wait, dryRun, maxRuns, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            var request = new SubmitRequest(Path.GetFullPath(parse.GetValue(file)!), parse.GetValue(set) ?? [], parse.GetValue(maxRuns),
                Path.GetFullPath(parse.GetValue(results)!), parse.GetValue(partition), parse.GetValue(time), parse.GetValue(maxParallel),
                parse.GetValue(cpus), parse.GetValue(mem), parse.GetValue(gpus), parse.GetValue(sbatch) ?? [], parse.GetValue(grace));
            if (request.Problem() is { } problem) return Usage(problem);
            var experiment = Loading.Load(parse.GetValue(file)!, request.Overrides, request.MaxRuns);
            if (experiment is null) return ExitCodes.ConfigError;
            return Submit(experiment, request, parse.GetValue(dryRun), parse.GetValue(wait));
        });
        return command;
    }

    static int Submit(Planning.LoadedExperiment experiment, SubmitRequest request, bool dryRun, bool wait)
    {
        var folder = new ExperimentFolder(Path.Combine(request.ResultsRoot, experiment.Name));
        ResultsFolderGuard.Check(folder.Path);   // a linked slurm/ would take the build copy, scripts and logs elsewhere
        try
        {
            if (!dryRun && SlurmCommands.Locate("sbatch") is null)
                throw new SlurmException("sbatch is not on PATH: `runner submit` runs where Slurm's client commands are (a login node)");
            var method = SweepMethods.Of(experiment);
            var share = method.Share(experiment, folder);
            if (share.Tasks is null) return SubmitWorkers(experiment, method, share, request, folder, dryRun, wait);
            // A plan known in advance: one array task per fused array or lone run.
            var inQueue = SlurmLauncher.Queued(folder).Keys.ToHashSet();
            share = SubmitArrays.Share(method, share, request, inQueue, Data.RunnerRegistries.Models);
            var result = SlurmLauncher.Submit(experiment, share, request, folder, inQueue, dryRun);
            int ended = share.AlreadyEnded;
            if (inQueue.Count > 0) Console.WriteLine($"{inQueue.Count} runs are still queued or running in an earlier submission; they are not submitted again.");
            if (dryRun)
            {
                foreach (var line in SubmitArrays.Describe(result.Tasks)) Console.WriteLine($"# {line}");
                return PrintScripts(result, $"{result.Tasks.Count} tasks; {ended} of {experiment.Runs.Count} runs already ended");
            }
            if (result.ArrayJob is null)
            {
                Console.WriteLine(inQueue.Count > 0
                    ? $"Every run of {experiment.Name} has ended or is in the queue already; nothing to submit. `runner status {folder.Path}` follows them."
                    : $"All {experiment.Runs.Count} runs of {experiment.Name} have already ended; nothing to submit. `runner status {folder.Path}` shows them.");
                return inQueue.Count > 0 ? ExitCodes.Ok : ExitCode(folder);
            }
            Console.WriteLine($"Submitted job array {result.ArrayJob}: {result.Tasks.Count} tasks for {result.RunCount} runs not done or pruned " +
                              $"(a task per fused array or lone run; `runner status` shows which task has which run)" +
                              (ended > 0 ? $" ({ended} of {experiment.Runs.Count} runs had already ended)" : "") +
                              (request.MaxParallel is { } p ? $", at most {p} at once" : "") + ".");
            Console.WriteLine($"Submitted report job {result.ReportJob}: writes {folder.ReportDirectory} when the array has ended.");
            Console.WriteLine($"Follow:  runner status {folder.Path}");
            Console.WriteLine($"Logs:    {Path.Combine(SlurmLauncher.SlurmDirectory(folder), "logs")}/{result.ArrayJob}_<task>.out (task i trains the runs on line i+1 of {Path.Combine(result.Folder, SlurmJobs.TasksFile)})");
            Console.WriteLine($"Cancel:  scancel {result.ArrayJob} {result.ReportJob}   (submit again later: only the runs not yet ended are submitted)");
            if (!wait) return ExitCodes.Ok;
            return Wait(folder, [result.ArrayJob, result.ReportJob!]);
        }
        catch (Exception e) when (RuntimeErrors.IsUserFacing(e))
        {
            Console.Error.WriteLine($"runner submit: {RuntimeErrors.Describe(e)}");
            if (RunnerCli.Verbose) Console.Error.WriteLine(e);
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>
    /// A method that decides its runs from results (a race, a TPE search) is submitted as equal workers, each
    /// `runner run --shard i/n`: --max-parallel of them, or as many as the method says can run at once at the
    /// start (the method's <see cref="Sweeps.WorkShare"/>). Workers still in the queue are not doubled.
    /// </summary>
    static int SubmitWorkers(Planning.LoadedExperiment experiment, ISweepMethod method, WorkShare share, SubmitRequest request, ExperimentFolder folder, bool dryRun, bool wait)
    {
        var queued = dryRun ? [] : SlurmQueue.OfSweep(folder).Where(j => j.TaskId is not null).ToList();
        if (queued.Count > 0)
        {
            Console.WriteLine($"{queued.Count} workers of an earlier submission are still queued or running ({string.Join(", ", queued.Select(j => j.Id))}); " +
                              $"no more are submitted. `runner status {folder.Path}` follows them.");
            return ExitCodes.Ok;
        }
        // A journal the workers would refuse (another version's, or not Runner's) is refused here, before any job.
        method.CheckJournal(experiment, folder);
        if (method.Decided(experiment, Sweeps.Adaptive.DecisionJournal.Read(folder.Path), folder.DecisionsFile)
            && SweepStatus.Read(folder).All(r => r.State is RunStatus.Done or RunStatus.Pruned))
        {
            Console.WriteLine($"The {method.Noun} of {experiment.Name} is over and every run it needed has ended; nothing to submit. `runner status {folder.Path}` shows them.");
            return ExitCode(folder);
        }
        share = share with { Workers = request.MaxParallel ?? share.Workers };
        int workers = share.Workers;
        var result = SlurmLauncher.Submit(experiment, share, request, folder, new HashSet<string>(), dryRun);
        var what = method.Noun;
        if (dryRun) return PrintScripts(result, $"{workers} workers of the {what}");
        Console.WriteLine($"Submitted job array {result.ArrayJob}: {workers} workers of the {what}, sharing its decisions in " +
                          $"{Path.Combine(folder.Path, Sweeps.Adaptive.DecisionJournal.FileName)}.");
        Console.WriteLine($"Submitted report job {result.ReportJob}: writes {folder.ReportDirectory} when the array has ended.");
        Console.WriteLine($"Follow:  runner status {folder.Path}");
        Console.WriteLine($"Logs:    {Path.Combine(SlurmLauncher.SlurmDirectory(folder), "logs")}/{result.ArrayJob}_<worker - 1>.out");
        Console.WriteLine($"Cancel:  scancel {result.ArrayJob} {result.ReportJob}   (submit again later: the workers resume from the journal)");
        return wait ? Wait(folder, [result.ArrayJob!, result.ReportJob!]) : ExitCodes.Ok;
    }

    /// <summary>--dry-run: the scripts that would be submitted, each under a comment naming its file.</summary>
    static int PrintScripts(SubmitResult result, string what)
    {
        Console.WriteLine($"# {result.Folder}/array.sbatch ({what})");
        Console.Write(result.ArrayScript);
        Console.WriteLine($"# {result.Folder}/report.sbatch");
        Console.Write(result.ReportScript);
        return ExitCodes.Ok;
    }

    /// <summary>Polls squeue until the jobs have left it, printing the sweep's state when it changes.</summary>
    static int Wait(ExperimentFolder folder, IReadOnlyCollection<string> jobs)
    {
        string? last = null;
        var name = SlurmLauncher.JobName(Path.GetFileName(folder.Path));
        while (true)
        {
            var queue = SlurmQueue.Read(name, jobs);
            var line = StatusCommand.Line(SweepStatus.Read(folder, SlurmLauncher.Queued(folder, queue)));
            if (line != last) Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
            last = line;
            if (queue.Count == 0) break;
            Thread.Sleep(1000);
        }
        return ExitCode(folder);
    }

    /// <summary>As `runner run` exits: 0 when every run ended done or pruned, 1 otherwise.</summary>
    static int ExitCode(ExperimentFolder folder)
    {
        var runs = SweepStatus.Read(folder);
        var bad = runs.Where(r => r.State is not (RunStatus.Done or RunStatus.Pruned)).ToList();
        foreach (var run in bad) Console.WriteLine($"  {run.State}: {run.Directory}");
        return bad.Count == 0 ? ExitCodes.Ok : ExitCodes.RuntimeError;
    }

    static int Usage(string message)
    {
        Console.Error.WriteLine($"runner submit: {message}");
        return ExitCodes.ConfigError;
    }
}
