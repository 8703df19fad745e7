using Runner.Results;
using Runner.Cli;
using Runner.Recording;
using Runner.Sweeps.Launchers;
using Runner.Sweeps.Launchers.Slurm;
using Runner.Status;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// `runner submit` against a real single-node Slurm (tests/slurm/cluster.sh): a job array ends with the
/// same files as a local `runner run`, resubmitting submits only what is left, `runner status` follows
/// it, and pruning decisions taken in separate array tasks equal the local ones. Tiny synthetic data.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
public sealed class SlurmSweepTests
{
    static readonly string Grid = $$"""
        name: grid
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 200, image_size: [8, 8]}, validation_split: 0.2}
        {{ModelYaml.Mlp("${units}", input: "[8, 8]")}}
        train: {optimizer: ${optimizer}, epochs: 3, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          units: [16, 32]
          optimizer: [sgd, adam]
          seed: [1, 2]
        """;

    static readonly string Pruned = $$$"""
        name: pruned
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 200, image_size: [8, 8]}, validation_split: 0.2}
        {{{ModelYaml.Mlp(16, input: "[8, 8]")}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 3, batch_size: 32, seed: 1, threads: 1}
        pruning: {method: median, monitor: val_accuracy, at_epochs: [1, 2], min_runs: 2}
        sweep:
          lr: [0.5, 0.2, 0.001, 0.1, 0.0001, 0.3]
        """;

    static string Local(string file, string results, params string[] extra)
    {
        // One run at a time, as the tasks of `--max-parallel 1` train them: with runs side by side (the
        // default --jobs auto on a quiet machine) pruning judges each run against whatever the others have
        // written by then, so its decisions follow the timing.
        var jobs = extra.Contains("--jobs") ? [] : new[] { "--jobs", "1" };
        var (code, output) = RunnerProcess.Run(["run", file, "--results", results, "--no-report", .. jobs, .. extra]);
        Assert.True(code == 0, output);
        return output;
    }

    [SlurmFact]
    public void A_2x2x2_sweep_submitted_with_wait_equals_a_local_run_and_status_follows_it()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Grid);
        var file = folder.File;
        Local(file, folder["local"]);

        var dir = Path.Combine(folder["slurm"], "grid");
        var seen = new HashSet<string>();
        string? statusWhileRunning = null;
        using (var submit = RunnerProcess.Start("submit", file, "--results", folder["slurm"], "--max-parallel", "2", "--wait"))
        {
            // Poll what `runner status` computes while the array runs; once tasks are running and others
            // still queued, ask the real command too.
            submit.WaitUntil(() =>
            {
                var states = SweepStatus.Read(new ExperimentFolder(dir), SweepLaunchers.Places(new ExperimentFolder(dir)));
                seen.UnionWith(states.Select(s => s.State));
                if (statusWhileRunning is null && states.Any(s => s.State == RunState.Running) && states.Any(s => s.State == RunState.Queued))
                    statusWhileRunning = RunnerProcess.Run("status", dir).Output;
                return submit.HasExited;
            }, TimeSpan.FromMinutes(4));
            Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(1)) == 0, submit.Output);
            Assert.Contains("Submitted job array", submit.Output);
            // Two shapes of four runs, at most two tasks at once: two fused arrays of two runs per shape.
            Assert.Contains("4 tasks for 8 runs", submit.Output);
        }
        Assert.Contains(RunState.Queued, seen);
        Assert.Contains(RunState.Running, seen);
        Assert.Contains(RunStatus.Done, seen);
        Assert.NotNull(statusWhileRunning);
        Assert.Matches(@"running\s+job \d+_\d+ on ", statusWhileRunning);
        Assert.Matches(@"queued\s+job \d+_\d+, pending", statusWhileRunning);

        SweepFiles.AssertSame(Path.Combine(folder["local"], "grid"), dir);
        var (code, status) = RunnerProcess.Run("status", dir);
        Assert.True(code == 0, status);
        Assert.Contains("8 runs: 8 done", status);
        // The report job ran after the array; the batch scripts and the kept build stay with the sweep.
        Assert.True(Poll.Until(() => File.Exists(Path.Combine(dir, "report", "report.html")), TimeSpan.FromSeconds(60)));
        var slurm = Path.Combine(dir, "slurm");
        Assert.Single(Directory.GetDirectories(slurm, "build-*"));
        var script = File.ReadAllText(Directory.GetFiles(slurm, "array.sbatch", SearchOption.AllDirectories).Single());
        Assert.Contains("#SBATCH --array=0-3%2", script);
        Assert.Contains("#SBATCH --signal=B:USR1@120", script);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(slurm, "logs"), "*_*.out").Length);
    }

    [SlurmFact]
    public void Resubmitting_after_some_runs_ended_submits_only_the_rest()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Grid);
        var file = folder.File;
        Local(file, folder["local"]);
        Local(file, folder["slurm"], "--shard", "1/2");   // runs 1, 3, 5, 7 end here

        var (code, output) = RunnerProcess.Run("submit", file, "--results", folder["slurm"], "--wait");
        Assert.True(code == 0, output);
        // Each shape's two runs left form one fused array, one task each.
        Assert.Contains("2 tasks for 4 runs", output);
        Assert.Contains("4 of 8 runs had already ended", output);
        var dir = Path.Combine(folder["slurm"], "grid");
        var tasks = File.ReadAllLines(Directory.GetFiles(Path.Combine(dir, "slurm"), SlurmJobs.TasksFile, SearchOption.AllDirectories).Single());
        var plan = new RunsTable(Path.Combine(dir, "runs.csv")).Read().Select(r => r["directory"]).ToList();
        Assert.Equal([$"{plan[1]} {plan[3]}", $"{plan[5]} {plan[7]}"], tasks);
        SweepFiles.AssertSame(Path.Combine(folder["local"], "grid"), dir);

        var (again, text) = RunnerProcess.Run("submit", file, "--results", folder["slurm"]);
        Assert.True(again == 0, text);
        Assert.Contains("nothing to submit", text);
    }

    [SlurmFact]
    public void Pruning_decisions_taken_in_separate_array_tasks_equal_the_local_ones()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(Pruned);
        var file = folder.File;
        Local(file, folder["local"]);
        var local = Path.Combine(folder["local"], "pruned");
        var statuses = new RunsTable(Path.Combine(local, "runs.csv")).Read().Select(r => r["status"]).ToList();
        Assert.Contains(RunStatus.Pruned, statuses);
        Assert.Contains(RunStatus.Done, statuses);

        // One task at a time, in plan order, as `run --jobs 1` trains them: each task's pruner reads the
        // metrics the earlier tasks (other processes) wrote.
        var (code, output) = RunnerProcess.Run("submit", file, "--results", folder["slurm"], "--max-parallel", "1", "--wait");
        Assert.True(code == 0, output);
        SweepFiles.AssertSame(local, Path.Combine(folder["slurm"], "pruned"));
    }
}
