using Runner.Results;
using System.Globalization;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>What was (or, on a dry run, would be) submitted: the runs of each task (none for workers).</summary>
public sealed record SubmitResult(IReadOnlyList<IReadOnlyList<PlannedRun>> Tasks, string? ArrayJob, string? ReportJob, string ArrayScript, string ReportScript, string Folder)
{
    public int RunCount => Tasks.Sum(t => t.Count);
}

/// <summary>
/// Runs a sweep as a Slurm job array (`runner submit`): one task per process of the sweep method's
/// <see cref="WorkShare"/> (a fixed plan: one per fused array or lone run not yet done or pruned, each `runner run
/// FILE --only RUN [--only RUN ...] --requeue`; a race or a search: its workers, each `runner run FILE --shard i/n --requeue`) with the Runner
/// build kept beside the scripts, and a report job that runs when the array has ended (afterany). The
/// scripts, the task list and the logs stay in results/&lt;name&gt;/slurm/. In `run`, --requeue makes the
/// process one of its tasks (<see cref="SlurmArrayTask"/>); in `status`, squeue says where its tasks are.
/// </summary>
public sealed class SlurmLauncher : ILauncher
{
    public string Name => "Slurm array";
    public string? Command => "submit";

    public static string SlurmDirectory(ExperimentFolder folder) => Path.Combine(folder.Path, ResultsLayout.SlurmFolder);
    public static string JobName(string experimentName) => $"runner-{experimentName}";

    /// <summary>`--requeue`: this process is a task of one of its arrays (Slurm's environment says which).</summary>
    public RunLaunch Join(RunFlags flags, Methods.ISweepMethod method, RunLaunch launch)
    {
        if (!flags.Requeue) return launch;
        if (flags.Only is null && !method.SharedByWorkers)
            return launch.Refuse("--requeue goes with --only RUN_ID (a Slurm array task's run, or each run of its fused array), or with a worker of a race or TPE search");
        return SlurmTask.FromEnvironment() is { } task
            ? launch with { Process = new SlurmArrayTask(task) }
            : launch.Refuse("--requeue works inside a Slurm array task; SLURM_ARRAY_JOB_ID and SLURM_ARRAY_TASK_ID are not set");
    }

    public IReadOnlyDictionary<string, RunPlace> Places(ExperimentFolder folder) => Queued(folder);

    /// <summary>Where this sweep's tasks that squeue lists have their runs; none without Slurm or without a submission.</summary>
    public static IReadOnlyDictionary<string, RunPlace> Queued(ExperimentFolder folder) => Queued(folder, SlurmQueue.OfSweep(folder));

    /// <summary>Where the listed tasks' runs are (task i of a submission trains the runs on line i+1 of its tasks.txt; a worker has no fixed run).</summary>
    public static IReadOnlyDictionary<string, RunPlace> Queued(ExperimentFolder folder, IReadOnlyList<QueuedJob> queue)
    {
        var byRun = new Dictionary<string, RunPlace>();
        var submissions = new SlurmJobs(SlurmDirectory(folder)).Read().ToDictionary(s => s.ArrayJob);
        foreach (var job in queue)
            if (job.TaskId is { } task && int.TryParse(task, out var i) && submissions.TryGetValue(job.JobId, out var submission)
                && i >= 0 && i < submission.Tasks.Count)
                foreach (var run in submission.Tasks[i])
                    byRun[run] = job.State is "RUNNING" or "COMPLETING"
                        ? new RunPlace(true, $"job {job.Id} on {job.Node}")
                        : new RunPlace(false, $"job {job.Id}, {job.State.ToLowerInvariant()}" + (job.Reason is "None" or "" ? "" : $" ({job.Reason})"));
        return byRun;
    }

    /// <summary>
    /// Submits the share's processes as one array: its runs, but those an earlier submission's task still has
    /// (<paramref name="inQueue"/>: run directories queued or running), so resubmitting never doubles a run;
    /// or its workers. <paramref name="workers"/> overrides the share's count of workers (--max-parallel).
    /// </summary>
    public static SubmitResult Submit(LoadedExperiment experiment, WorkShare share, SubmitRequest request, ExperimentFolder folder,
        IReadOnlySet<string> inQueue, bool dryRun)
    {
        if (share.Tasks is null)
            return SubmitArray(experiment, request, folder, dryRun, [], share.Workers,
                (_, logs, dotnet, runner) => BatchScript.Workers(request, experiment.Name, share.Workers, logs, dotnet, runner));
        // A task trains one run or one fused array (`--only` for each of its runs).
        var tasks = share.Tasks.Select(t => (IReadOnlyList<PlannedRun>)t.Where(r => !inQueue.Contains(r.DirectoryName)).ToList())
            .Where(t => t.Count > 0).ToList();
        return SubmitArray(experiment, request, folder, dryRun, tasks, tasks.Count,
            (tasksFile, logs, dotnet, runner) => BatchScript.Array(request, experiment.Name, tasks, tasksFile, logs, dotnet, runner));
    }

    static SubmitResult SubmitArray(LoadedExperiment experiment, SubmitRequest request, ExperimentFolder folder, bool dryRun,
        IReadOnlyList<IReadOnlyList<PlannedRun>> runs, int tasks, Func<string, string, string, string, string> script)
    {
        var slurm = SlurmDirectory(folder);
        var logs = Path.Combine(slurm, "logs");
        var submission = Path.Combine(slurm, $"submit-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}");
        var tasksFile = Path.Combine(submission, SlurmJobs.TasksFile);
        var dotnet = KeptBuild.DotnetHost();
        var runner = dryRun ? Path.Combine(KeptBuild.FolderFor(slurm), KeptBuild.EntryAssembly) : KeptBuild.Publish(slurm);
        var array = script(tasksFile, logs, dotnet, runner);
        if (dryRun || tasks == 0)
            return new SubmitResult(runs, null, null, array, BatchScript.Report(request, experiment.Name, "<array job>", logs, folder.Path, dotnet, runner), submission);

        folder.Begin(experiment, request.MaxParallel ?? tasks, DateTime.UtcNow);
        Directory.CreateDirectory(logs); // before sbatch: Slurm doesn't create the log folder (Hydra #2100)
        Directory.CreateDirectory(submission);
        // Task i trains the runs on line i+1; workers have no fixed run, so their submission has no task list.
        if (runs.Count > 0) AtomicFile.WriteAllText(tasksFile, Submission.TaskLines(runs.Select(t => t.Select(r => r.DirectoryName))));
        var arrayScript = Path.Combine(submission, "array.sbatch");
        AtomicFile.WriteAllText(arrayScript, array);

        var arrayJob = Sbatch(arrayScript, submission);
        var report = BatchScript.Report(request, experiment.Name, arrayJob, logs, folder.Path, dotnet, runner);
        var reportScript = Path.Combine(submission, "report.sbatch");
        AtomicFile.WriteAllText(reportScript, report);
        var reportJob = Sbatch(reportScript, submission);
        new SlurmJobs(slurm).Add(new Submission(DateTime.UtcNow, arrayJob, reportJob, submission,
            runs.Select(t => (IReadOnlyList<string>)t.Select(r => r.DirectoryName).ToList()).ToList()));
        return new SubmitResult(runs, arrayJob, reportJob, array, report, submission);
    }

    /// <summary>Submits a script (its #SBATCH lines say everything) and returns the job id.</summary>
    static string Sbatch(string script, string workingDirectory)
    {
        var output = SlurmCommands.Run("sbatch", ["--parsable", $"--chdir={workingDirectory}", script]).Trim();
        var id = output.Split(';')[0]; // "id" or "id;cluster"
        if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new SlurmException($"sbatch printed '{output}', not a job id");
        return id;
    }
}
