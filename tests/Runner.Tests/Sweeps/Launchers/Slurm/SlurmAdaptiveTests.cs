using Runner.Sweeps.Launchers.Slurm;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;
using Runner.Tests.Process;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// A race and a TPE search submitted to a real single-node Slurm (tests/slurm/cluster.sh): the array's
/// tasks are equal workers sharing the results folder's decision journal. The race ends with the decisions
/// and files of a local `runner run --jobs 1`; the search proposes each trial once and trains each once.
/// </summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
[Trait("Category", "Slow")]
public sealed class SlurmAdaptiveTests
{
    [SlurmFact]
    public void A_race_submitted_as_three_workers_decides_as_one_local_process()
    {
        SlurmCluster.Use();
        using var local = new SweepFolder(AdaptiveResumeTests.RaceYaml);
        local.Train();
        using var folder = new SweepFolder(AdaptiveResumeTests.RaceYaml);

        var (code, output) = RunnerProcess.Run("submit", folder.File, "--results", folder.Results, "--max-parallel", "3", "--wait");

        Assert.True(code == 0, output);
        Assert.Contains("3 workers of the race", output);
        Assert.Equal(SweepFiles.Decisions(local.Dir), SweepFiles.Decisions(folder.Dir));
        SweepFiles.AssertSame(local.Dir, folder.Dir);
        var script = File.ReadAllText(Directory.GetFiles(Path.Combine(folder.Dir, "slurm"), "array.sbatch", SearchOption.AllDirectories).Single());
        Assert.Contains("#SBATCH --array=0-2%3", script);
        Assert.Contains("--shard \"$worker\" --requeue --no-report", script);
        // The seeds of the eliminated configuration never ran, and status doesn't count them as missing.
        var (statusCode, status) = RunnerProcess.Run("status", folder.Dir);
        Assert.True(statusCode == 0, status);
        Assert.Contains($"{SweepFiles.RunsCsv(local.Dir).Count} runs: {SweepFiles.RunsCsv(local.Dir).Count} done", status);
        Assert.True(Poll.Until(() => File.Exists(Path.Combine(folder.Dir, "report", "report.html")), TimeSpan.FromSeconds(60)));

        var (again, text) = RunnerProcess.Run("submit", folder.File, "--results", folder.Results);
        Assert.True(again == 0, text);
        Assert.Contains("is over and every run it needed has ended; nothing to submit", text);
    }

    [SlurmFact]
    public void A_TPE_search_submitted_as_two_workers_proposes_and_trains_each_trial_once()
    {
        SlurmCluster.Use();
        using var folder = new SweepFolder(AdaptiveResumeTests.TpeYaml);

        var (code, output) = RunnerProcess.Run("submit", folder.File, "--results", folder.Results, "--max-parallel", "2", "--wait");

        Assert.True(code == 0, output);
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(folder.Dir));
        Assert.Equal(Enumerable.Range(1, 7), proposals.Select(p => p.Trial));
        Assert.All(SweepFiles.MetricsCsvs(folder.Dir).Values, rows => Assert.Equal(2, rows.Count));
        Assert.Equal(7, SweepFiles.MetricsCsvs(folder.Dir).Count);
        Assert.All(SweepFiles.RunsCsv(folder.Dir), row => Assert.Contains("status=done", row));
        // Both workers ran (which trials each got depends on timing: a trial takes a fraction of a second here).
        var logs = Directory.GetFiles(Path.Combine(folder.Dir, "slurm", "logs"), "*_*.out");
        Assert.Equal(2, logs.Length);
        Assert.All(logs, log => Assert.Contains("of a TPE search is one of its workers", File.ReadAllText(log)));
    }

    // About a second per epoch on one core, so that the signal lands mid-run.
    static readonly string LongRace = $$$"""
        name: longrace
        data: {dataset: {name: synthetic, train_samples: 4000, test_samples: 200}, validation_split: 0.1}
        {{{ModelYaml.Mlp(64, dropout: 0.2)}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 6, batch_size: 8, seed: ${seed}, threads: 1}
        sweep: {lr: [0.05, 0.0001], race: {first: 2, max_seeds: 2}}
        """;

    [SlurmFact]
    public void A_worker_stopped_by_USR1_requeues_itself_resumes_its_run_and_the_race_ends_as_if_uninterrupted()
    {
        SlurmCluster.Use();
        using var local = new SweepFolder(LongRace);
        using var reference = local.Start();
        using var folder = new SweepFolder(LongRace);
        using var submit = RunnerProcess.Start("submit", folder.File, "--results", folder.Results, "--max-parallel", "1", "--wait");

        submit.WaitUntil(() => SweepFiles.EpochsWritten(folder.Dir) >= 1, TimeSpan.FromMinutes(2));
        var task = System.Text.RegularExpressions.Regex.Match(submit.Output, @"Submitted job array (\d+)").Groups[1].Value + "_0";
        SlurmCommands.Run("scancel", ["-b", "--signal=USR1", task]);

        Assert.True(submit.WaitForExit(TimeSpan.FromMinutes(4)) == 0, submit.Output);
        Assert.True(reference.WaitForExit(TimeSpan.FromMinutes(2)) == 0, reference.Output);
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(folder.Dir, "slurm", "logs"), "*_0.out").Single());
        Assert.Contains($"time limit near: requeued task {task}; it resumes the run after epoch", log);
        Assert.Contains("attempt 2", log);
        Assert.Contains("(resuming at epoch", log);
        Assert.Equal(SweepFiles.Decisions(local.Dir), SweepFiles.Decisions(folder.Dir));
        SweepFiles.AssertSame(local.Dir, folder.Dir);
    }
}
