using Runner.Cli;
using Runner.Recording;
using Runner.Sweeps.Launchers;
using Runner.Sweeps.Launchers.Slurm;
using Runner.Status;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// A task stopped mid-run, first by USR1 (what `--signal=B:USR1@grace` sends before the time limit,
/// here sent with `scancel -b --signal=USR1`), then by SIGTERM when a job of the higher-priority
/// partition preempts it, requeues itself and ends exactly as an uninterrupted run.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
public sealed class SlurmPreemptionTests
{
    // About a second per epoch on one core: long enough that both signals land mid-run.
    static readonly string Long = $$"""
        name: long
        data: {dataset: {name: synthetic, train_samples: 4000, test_samples: 200}, validation_split: 0.1}
        {{ModelYaml.Mlp(64, dropout: 0.2)}}
        train: {optimizer: adam, epochs: 120, batch_size: 8, seed: 1, threads: 1}
        """;

    [SlurmFact]
    public void A_task_stopped_by_USR1_and_preempted_by_SIGTERM_requeues_itself_and_ends_as_if_uninterrupted()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Long);
        var file = folder.File;
        var dir = Path.Combine(folder["slurm"], "long");
        var experiment = new ExperimentFolder(dir);
        using var reference = RunnerProcess.Start("run", file, "--results", folder["local"], "--no-report");
        using var submit = RunnerProcess.Start("submit", file, "--results", folder["slurm"], "--wait");

        RunState Run() => SweepStatus.Read(experiment, SweepLaunchers.Places(experiment)).Single();
        int Epochs() => SweepFiles.EpochsWritten(dir);

        // USR1 to the batch shell (the runner, exec'd) after the first epoch.
        submit.WaitUntil(() => Epochs() >= 1, TimeSpan.FromMinutes(2));
        var task = Run().Where.Split(' ')[1];
        SlurmCommands.Run("scancel", ["-b", "--signal=USR1", task]);
        submit.WaitUntil(() => Run().State == RunState.Queued, TimeSpan.FromMinutes(1));
        int stoppedAt = Epochs();

        // Back on its feet: then a 2-CPU job in the `high` partition preempts it (SIGTERM, GraceTime 5 s).
        submit.WaitUntil(() => Run().State == RunState.Running && Epochs() > stoppedAt, TimeSpan.FromMinutes(2));
        var high = SlurmCommands.Run("sbatch", ["--parsable", "-p", "high", "-c", "2", "-o", "/dev/null", "--wrap", "sleep 1"]).Trim();
        submit.WaitUntil(() => Run().State == RunState.Queued, TimeSpan.FromMinutes(1));

        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(4)) == 0, submit.Output);
        Assert.True(reference.WaitForExit(TimeSpan.FromMinutes(2)) == 0, reference.Output);
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(dir, "slurm", "logs"), "*_0.out").Single());
        Assert.Contains($"time limit near: requeued task {task}", log);
        Assert.True(log.Contains("stopped by SIGTERM", StringComparison.Ordinal), log);
        Assert.Contains("attempt 3", log);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(log, "resuming at epoch").Count);
        Assert.False(string.IsNullOrEmpty(high));
        SweepFiles.AssertSame(Path.Combine(folder["local"], "long"), dir);
    }
}
