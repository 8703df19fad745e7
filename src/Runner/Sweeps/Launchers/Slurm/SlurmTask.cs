using System.Text.RegularExpressions;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// This process as one task of a Slurm job array, known from the environment Slurm gives a task.
/// <see cref="Requeue"/> requeues this task alone (`scontrol requeue ARRAYJOB_TASK`), never the whole
/// array (PyTorch Lightning #15022).
/// </summary>
public sealed partial record SlurmTask(string ArrayJobId, string TaskId, int RestartCount)
{
    public string Id => $"{ArrayJobId}_{TaskId}";

    public static SlurmTask? FromEnvironment()
    {
        var job = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        var task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (string.IsNullOrEmpty(job) || string.IsNullOrEmpty(task) || !Number().IsMatch(job) || !Number().IsMatch(task)) return null;
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_RESTART_COUNT"), out var restarts);
        return new SlurmTask(job, task, restarts);
    }

    public void Requeue() => SlurmCommands.Run("scontrol", ["requeue", Id]);

    /// <summary>The task's JobState as scontrol shows it (RUNNING, PREEMPTED, COMPLETING, ...), or null.</summary>
    public string? State()
    {
        try { return JobState().Match(SlurmCommands.Run("scontrol", ["show", "job", Id])) is { Success: true } m ? m.Groups[1].Value : null; }
        catch (SlurmException) { return null; }
    }

    [GeneratedRegex(@"^\d+$")] private static partial Regex Number();
    [GeneratedRegex(@"JobState=(\w+)")] private static partial Regex JobState();
}
