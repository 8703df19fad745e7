using Runner.Recording;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>A job or array task that squeue lists: pending, running, completing, ...</summary>
public sealed record QueuedJob(string JobId, string? TaskId, string State, string Node, string Reason)
{
    public string Id => TaskId is null ? JobId : $"{JobId}_{TaskId}";
}

/// <summary>
/// What squeue says about a sweep's jobs. Jobs that ended are no longer listed: their runs' own result
/// files say how they ended, so no accounting database (sacct) is needed.
/// </summary>
public static class SlurmQueue
{
    /// <summary>This sweep's jobs as squeue lists them; none without Slurm or without a submission.</summary>
    public static IReadOnlyList<QueuedJob> OfSweep(ExperimentFolder folder)
    {
        var submissions = new SlurmJobs(SlurmLauncher.SlurmDirectory(folder)).Read();
        if (submissions.Count == 0 || !SlurmCommands.Available) return [];
        var ids = submissions.SelectMany(s => new[] { s.ArrayJob, s.ReportJob }).ToHashSet();
        return Read(SlurmLauncher.JobName(Path.GetFileName(folder.Path)), ids);
    }

    /// <summary>The listed jobs (one line per array task) among <paramref name="jobIds"/>, named <paramref name="jobName"/>*.</summary>
    public static IReadOnlyList<QueuedJob> Read(string jobName, IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return [];
        // By name rather than by id: squeue fails on an id it has already forgotten.
        var output = SlurmCommands.Run("squeue", ["-h", "-r", "-n", $"{jobName},{jobName}-report", "-o", "%F|%K|%T|%N|%r"]);
        var jobs = new List<QueuedJob>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Split('|');
            if (cells.Length != 5 || !jobIds.Contains(cells[0])) continue;
            var task = cells[1] is "N/A" or "" ? null : cells[1];
            jobs.Add(new QueuedJob(cells[0], task, cells[2], cells[3], cells[4]));
        }
        return jobs;
    }
}
