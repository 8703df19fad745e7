using System.Text.RegularExpressions;
using Runner.Files;
using Runner.Planning;
using Runner.Recording;
using Runner.Results;
using Runner.Status;
using Runner.Sweeps.Launchers;
using Runner.Sweeps.Launchers.Slurm;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// `runner submit` of fused arrays against a real single-node Slurm (tests/slurm/cluster.sh): a task trains a
/// whole array; every run's files equal, byte for byte but timings and the array it was fused with, those of
/// `runner run` in one process (there one array of every run); `plan`, `submit --dry-run` and `status` say which
/// task has which runs; and a task stopped mid-array by USR1 (the time limit's warning), by preemption (SIGTERM)
/// and by SIGKILL followed by a requeue resumes every run of its array exactly.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
public sealed class SlurmFusedTests
{
    // The README's sweep (optimizers x activations x seeds of one MLP), small: 12 runs of one shape.
    static readonly string Optimizers = $$"""
        name: optimizers
        data: {dataset: {name: synthetic, train_samples: 2000, test_samples: 200, image_size: [8, 8]}, validation_split: 0.2}
        {{ModelYaml.Mlp(32, activation: "${activation}", input: "[8, 8]")}}
        train: {optimizer: ${optimizer}, epochs: 3, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          optimizer: [sgd, rmsprop, adam]
          activation: [sigmoid, relu]
          seed: [1, 2]
        """;

    // Four runs of one shape, about 1 s an epoch fused on one quiet core (runs of one seed share batches, so it is
    // 20,000 samples): every signal lands mid-array, with
    // room for Slurm's preemption, which took up to 15 s from the preemptor's submission here.
    static readonly string Long = $$"""
        name: longfused
        data: {dataset: {name: synthetic, train_samples: 20000, test_samples: 200}, validation_split: 0.1}
        {{ModelYaml.Mlp(64, dropout: 0.2)}}
        train: {optimizer: ${optimizer}, epochs: 40, batch_size: 8, seed: ${seed}, threads: 1}
        sweep:
          optimizer: [sgd, adam]
          seed: [1, 2]
        """;

    static void Local(string file, string results)
    {
        var (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report", "--jobs", "1");
        Assert.True(code == 0, output);
        Assert.Contains("Fused training:", output);
    }

    /// <summary>The runs of each task of the sweep's one submission (task i = line i+1 of tasks.txt).</summary>
    static IReadOnlyList<IReadOnlyList<string>> Tasks(string dir) => new SlurmJobs(Path.Combine(dir, "slurm")).Read().Single().Tasks;

    [SlurmFact]
    public void A_sweep_submitted_as_two_fused_arrays_trains_each_in_one_task_and_ends_as_one_process()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Optimizers);
        var file = folder.File;
        Local(file, folder["local"]);

        var (planCode, plan) = RunnerProcess.Run("plan", file, "--results", folder["slurm"]);
        Assert.True(planCode == 0, plan);
        Assert.Contains("`runner submit` gives each array, and each run alone, a Slurm array task of its own", plan);
        var (dryCode, dry) = RunnerProcess.Run("submit", file, "--results", folder["slurm"], "--max-parallel", "2", "--dry-run");
        Assert.True(dryCode == 0, dry);
        Assert.Contains("# task 0: fused array of 6 runs: optimizer=sgd,activation=sigmoid,seed=1 ", dry);
        // Runs of one seed share their batches, so each array holds one seed's runs (Training/Fused/SharedBatches.cs).
        Assert.Contains("# task 1: fused array of 6 runs: optimizer=sgd,activation=sigmoid,seed=2 ", dry);
        Assert.DoesNotContain("seed=2", dry.Split('\n').Single(l => l.StartsWith("# task 0:", StringComparison.Ordinal)));

        var dir = Path.Combine(folder["slurm"], "optimizers");
        var experiment = new ExperimentFolder(dir);
        var placesSeen = new Dictionary<string, HashSet<string>>();
        string? statusWhileRunning = null;
        using (var submit = RunnerProcess.Start("submit", file, "--results", folder["slurm"], "--max-parallel", "2", "--wait"))
        {
            submit.WaitUntil(() =>
            {
                var states = SweepStatus.Read(experiment, SweepLaunchers.Places(experiment));
                foreach (var run in states.Where(s => s.State == RunState.Running))
                    (placesSeen.TryGetValue(run.Directory, out var seen) ? seen : placesSeen[run.Directory] = []).Add(run.Where);
                if (statusWhileRunning is null && states.Any(s => s.State == RunState.Running))
                    statusWhileRunning = RunnerProcess.Run("status", dir).Output;
                return submit.HasExited;
            }, TimeSpan.FromMinutes(4));
            Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(1)) == 0, submit.Output);
            Assert.Contains("2 tasks for 12 runs not done or pruned", submit.Output);
        }

        // Each task trained one array of 6, and every run's files are those of the one process's array of 12.
        var tasks = Tasks(dir);
        Assert.Equal([6, 6], tasks.Select(t => t.Count));
        foreach (var task in tasks)
            foreach (var run in task)
                Assert.Equal(task.Select(RunIdentity.IdOf).Order(), RunFiles.FusedWith(Path.Combine(dir, "runs", run)).Order());
        Assert.All(Directory.GetDirectories(Path.Combine(folder["local"], "optimizers", "runs")), d => Assert.Equal(12, RunFiles.FusedWith(d).Count));
        RunFiles.AssertSame(Path.Combine(folder["local"], "optimizers"), dir);

        // While they ran, status placed each run in the task whose line lists it.
        Assert.NotEmpty(placesSeen);
        var arrayJob = new SlurmJobs(Path.Combine(dir, "slurm")).Read().Single().ArrayJob;
        foreach (var (run, places) in placesSeen)
        {
            int task = tasks.Select((t, i) => (t, i)).Single(p => p.t.Contains(run)).i;
            Assert.All(places, where => Assert.StartsWith($"job {arrayJob}_{task} on ", where));
        }
        Assert.NotNull(statusWhileRunning);
        Assert.Matches($@"running\s+job {arrayJob}_[01] on ", statusWhileRunning);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(dir, "slurm", "logs"), "*_*.out").Length);
    }

    [SlurmFact]
    public void A_task_stopped_mid_array_by_USR1_SIGTERM_and_SIGKILL_resumes_every_run_of_its_array_exactly()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Long);
        var file = folder.File;
        var dir = Path.Combine(folder["slurm"], "longfused");
        var experiment = new ExperimentFolder(dir);
        using var reference = RunnerProcess.Start("run", file, "--results", folder["local"], "--no-report", "--jobs", "1");
        using var submit = RunnerProcess.Start("submit", file, "--results", folder["slurm"], "--max-parallel", "1", "--wait");

        IReadOnlyList<RunState> Runs() => SweepStatus.Read(experiment, SweepLaunchers.Places(experiment));
        bool All(string state) => Runs() is { Count: 4 } runs && runs.All(r => r.State == state);
        int Epochs() => SweepFiles.EpochsWritten(dir);
        // Every run of the array has written its epoch rows up to one more epoch than at the last stop.
        int stoppedAt = 0;
        bool Progressed() => All(RunState.Running) && Epochs() >= stoppedAt + 4;

        // The report job is held until the end: a preempted or killed array counts as ended for its afterany
        // dependency, and it must neither run early nor let `submit --wait` return while the task is down.
        submit.WaitUntil(() => Regex.IsMatch(submit.Output, @"Submitted report job \d+"), TimeSpan.FromMinutes(2));
        var reportJob = Regex.Match(submit.Output, @"Submitted report job (\d+)").Groups[1].Value;
        SlurmCommands.Run("scontrol", ["hold", reportJob]);

        // 1. USR1 to the batch shell, as `--signal=B:USR1@grace` sends it before the time limit.
        submit.WaitUntil(Progressed, TimeSpan.FromMinutes(3));
        var task = Runs()[0].Where.Split(' ')[1];
        Assert.All(Runs(), r => Assert.StartsWith($"job {task} on ", r.Where));   // one task trains the whole array
        SlurmCommands.Run("scancel", ["-b", "--signal=USR1", task]);
        submit.WaitUntil(() => All(RunState.Queued), TimeSpan.FromMinutes(1));
        stoppedAt = Epochs();

        // 2. Preempted by a 2-CPU job of the `high` partition: SIGTERM after GraceTime, requeued by Slurm.
        submit.WaitUntil(Progressed, TimeSpan.FromMinutes(3));
        SlurmCommands.Run("sbatch", ["--parsable", "-p", "high", "-c", "2", "-o", "/dev/null", "--wrap", "sleep 1"]);
        submit.WaitUntil(() => All(RunState.Queued), TimeSpan.FromMinutes(1));
        stoppedAt = Epochs();

        // 3. SIGKILL (a crash: no checkpoint written on the way out), then the task requeued by hand.
        submit.WaitUntil(Progressed, TimeSpan.FromMinutes(3));
        var holder = FileLock.Holder(experiment.Run(Directory.GetDirectories(Path.Combine(dir, "runs"))[0].Split('/')[^1]).LockFile)!;
        var runner = System.Diagnostics.Process.GetProcessById(holder.Pid);
        Assert.Contains(dir, File.ReadAllText($"/proc/{holder.Pid}/cmdline").Replace('\0', ' '));   // the task's runner, nothing else
        runner.Kill();
        runner.WaitForExit();
        Assert.True(Poll.Until(() => new SlurmTask(task.Split('_')[0], task.Split('_')[1], 0).State() is "FAILED", TimeSpan.FromMinutes(1)));
        SlurmCommands.Run("scontrol", ["requeue", task]);
        submit.WaitUntil(() => Runs().All(r => r.State is RunStatus.Done), TimeSpan.FromMinutes(4));
        SlurmCommands.Run("scontrol", ["release", reportJob]);

        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(6)) == 0, submit.Output);
        Assert.True(reference.WaitForExit(TimeSpan.FromMinutes(2)) == 0, reference.Output);
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(dir, "slurm", "logs"), "*_0.out").Single());
        Assert.True(Regex.IsMatch(log, $@"time limit near: requeued task {task}; it resumes its 4 runs after epoch \d+"), log);
        // Slurm requeued the preempted task, or the task requeued itself when the job state said PREEMPTED.
        Assert.True(Regex.IsMatch(log, $@"stopped by SIGTERM|preempted: requeued task {task}"), log);
        Assert.True(log.Contains("attempt 4", StringComparison.Ordinal), log);
        // Attempts 2, 3 and 4 each resumed all four runs from their checkpoints.
        Assert.True(Regex.Matches(log, "resuming at epoch").Count == 12, log);
        RunFiles.AssertSame(Path.Combine(folder["local"], "longfused"), dir);
    }
}
