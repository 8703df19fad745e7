using Runner.Results;
using System.Globalization;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps;

namespace Runner.Slurm;

/// <summary>What was (or, on a dry run, would be) submitted.</summary>
public sealed record SubmitResult(IReadOnlyList<PlannedRun> Runs, string? ArrayJob, string? ReportJob, string ArrayScript, string ReportScript, string Folder);

/// <summary>
/// Runs a sweeper's runs as a Slurm job array: one task per run the sweeper starts (for the fixed plan:
/// every run not yet done or pruned), each `runner run FILE --only RUN --requeue` with the Runner build
/// kept beside the scripts, and a report job that runs when the array has ended (afterany). The
/// scripts, the task list and the logs stay in results/&lt;name&gt;/slurm/.
/// </summary>
public static class SlurmLauncher
{
    public static string SlurmDirectory(ExperimentFolder folder) => Path.Combine(folder.Path, ResultsLayout.SlurmFolder);
    public static string JobName(string experimentName) => $"runner-{experimentName}";

    /// <summary>Submits the runs the sweeper starts, but those an earlier submission's task still has
    /// (<paramref name="inQueue"/>: run directories queued or running), so resubmitting never doubles a run.</summary>
    public static SubmitResult Submit(LoadedExperiment experiment, ISweeper sweeper, SubmitRequest request, ExperimentFolder folder,
        IReadOnlySet<string> inQueue, bool dryRun)
    {
        var runs = new List<PlannedRun>();
        while (sweeper.Next() is { } run)
            if (!inQueue.Contains(run.DirectoryName)) runs.Add(run);
        return SubmitArray(experiment, request, folder, dryRun, runs, runs.Count,
            (tasksFile, logs, dotnet, runner) => BatchScript.Array(request, experiment.Name, runs.Count, tasksFile, logs, dotnet, runner));
    }

    /// <summary>An adaptive sweep (a race, a TPE search) as <paramref name="workers"/> equal worker tasks: what runs
    /// is decided as results come in, by the workers themselves, through the results folder's journal.</summary>
    public static SubmitResult SubmitWorkers(LoadedExperiment experiment, SubmitRequest request, ExperimentFolder folder, int workers, bool dryRun) =>
        SubmitArray(experiment, request, folder, dryRun, [], workers,
            (_, logs, dotnet, runner) => BatchScript.Workers(request, experiment.Name, workers, logs, dotnet, runner));

    static SubmitResult SubmitArray(LoadedExperiment experiment, SubmitRequest request, ExperimentFolder folder, bool dryRun,
        IReadOnlyList<PlannedRun> runs, int tasks, Func<string, string, string, string, string> script)
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
        // Task i trains the run on line i+1; workers have no fixed run, so their submission has no task list.
        if (runs.Count > 0) AtomicFile.WriteAllText(tasksFile, string.Join('\n', runs.Select(r => r.DirectoryName)) + "\n");
        var arrayScript = Path.Combine(submission, "array.sbatch");
        AtomicFile.WriteAllText(arrayScript, array);

        var arrayJob = Sbatch(arrayScript, submission);
        var report = BatchScript.Report(request, experiment.Name, arrayJob, logs, folder.Path, dotnet, runner);
        var reportScript = Path.Combine(submission, "report.sbatch");
        AtomicFile.WriteAllText(reportScript, report);
        var reportJob = Sbatch(reportScript, submission);
        new SlurmJobs(slurm).Add(new Submission(DateTime.UtcNow, arrayJob, reportJob, submission, runs.Select(r => r.DirectoryName).ToList()));
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
