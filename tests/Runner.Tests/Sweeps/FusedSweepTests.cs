using Runner.Files;
using Runner.Results;

namespace Runner.Tests.Sweeps;

/// <summary>
/// `runner run` fuses the runs of a fixed plan that share a shape: each run's files are a lone run's, with
/// result.json naming its array; early stopping and pruning end a run inside its array as they would alone;
/// a run another process holds stays out; --jobs 2 trains two arrays side by side.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FusedSweepTests
{
    static string Experiment(string fuse, string train = "", string sweep = "optimizer: [sgd, adam], seed: [1, 2]", int epochs = 2, string extra = "") => $$"""
        name: fs
        data: {dataset: mnist, validation_split: 0.2, split_seed: 42, train_limit: 2000, test_limit: 500}
        {{ModelYaml.Mlp(32)}}
        train: {optimizer: "${optimizer}", epochs: {{epochs}}, seed: "${seed}", threads: 1, fuse: {{fuse}}{{train}}}
        sweep: {{{sweep}}}
        {{extra}}
        """;

    static Dictionary<string, RunOutcome> Outcomes(SweepHarness h, Runner.Planning.LoadedExperiment experiment, int jobs = 1) =>
        h.Run(experiment, jobs).Runs.ToDictionary(r => r.Run.Id, r => r.Outcome);

    [Fact]
    public void Fused_runs_write_every_file_of_a_lone_run_and_agree_with_separate_training()
    {
        using var fusedHarness = new SweepHarness();
        using var separateHarness = new SweepHarness();
        var fusedExperiment = fusedHarness.Load(Experiment("auto"));
        var fused = Outcomes(fusedHarness, fusedExperiment);
        var separate = Outcomes(separateHarness, separateHarness.Load(Experiment("off")));

        Assert.Equal(4, fused.Count);
        foreach (var run in fusedExperiment.Runs)
        {
            var (a, b) = (fused[run.Id], separate[run.Id]);
            Assert.Equal(RunStatus.Done, a.Status);
            Assert.Equal(fusedExperiment.Runs.Select(r => r.Id), a.FusedWith);
            Assert.Null(b.FusedWith);
            Assert.Equal(b.Epochs, a.Epochs);
            Assert.InRange(Math.Abs(a.Last!.Get("val_accuracy")!.Value - b.Last!.Get("val_accuracy")!.Value), 0, 0.005);
            Assert.InRange(Math.Abs(a.Test!.Get("accuracy")!.Value - b.Test!.Get("accuracy")!.Value), 0, 0.005);

            var folder = fusedHarness.Folder(fusedExperiment).Run(run);
            foreach (var file in new[] { folder.MetricsCsv, folder.FinalModel, folder.PredictionsCsv, folder.SummaryTxt, folder.ConfigYaml })
                Assert.True(File.Exists(file), file);
            Assert.Equal(2, fusedHarness.Metrics(fusedExperiment, fusedExperiment.Runs.ToList().IndexOf(run)).Count);
            Assert.Empty(Directory.GetDirectories(folder.Path, "checkpoint-*"));
            Assert.False(File.Exists(Path.Combine(folder.Path, "checkpoint.json")));
        }
        Assert.Equal(["done", "done", "done", "done"], fusedHarness.Folder(fusedExperiment).Runs.Read().Select(r => r["status"]));
    }

    [Fact]
    public void With_two_jobs_the_runs_of_a_shape_train_as_two_arrays()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Experiment("auto", epochs: 1));
        var outcomes = Outcomes(h, experiment, jobs: 2);

        var arrays = outcomes.Values.Select(o => string.Join(";", o.FusedWith!)).Distinct().ToList();
        Assert.Equal(2, arrays.Count);
        Assert.All(outcomes.Values, o => Assert.Equal(2, o.FusedWith!.Count));
    }

    [Fact]
    public void With_two_jobs_runs_with_one_seed_share_an_array()
    {
        // They draw the same batches, which an array gathers and multiplies once for all of them.
        using var h = new SweepHarness();
        var experiment = h.Load(Experiment("auto", epochs: 1, sweep: "optimizer: [sgd, adam, rmsprop], seed: [1, 2, 3, 4]"));
        var plan = Runner.Sweeps.FusedGroups.Plan(experiment.Runs, Runner.Data.RunnerRegistries.Models, jobs: 2);
        Assert.Equal(2, plan.Groups.Count);
        Assert.All(plan.Groups, g => Assert.Equal(6, g.Count));
        Assert.All(plan.Groups, g => Assert.Equal(2, g.Select(r => r.Experiment.Train.Seed).Distinct().Count()));
    }

    [Fact]
    public void Run_says_how_many_arrays_train_and_of_how_many_runs()
    {
        using var h = new SweepHarness();
        var fused = h.Load(Experiment("auto", epochs: 1));
        var line = Runner.Sweeps.FusedGroups.Summary(fused, h.Folder(fused), new Runner.Sweeps.SweepOptions(h.Results, Jobs: 2), Runner.Data.RunnerRegistries.Models);
        Assert.Equal("Fused training: 4 runs in 2 arrays (2 + 2), each array trained as one stacked model by one worker; 0 runs train alone (`runner plan` lists them)", line);
        var separate = h.Load(Experiment("off", epochs: 1));
        Assert.Null(Runner.Sweeps.FusedGroups.Summary(separate, h.Folder(separate), new Runner.Sweeps.SweepOptions(h.Results, Jobs: 2), Runner.Data.RunnerRegistries.Models));
    }

    [Fact]
    public void Early_stopping_ends_a_run_inside_its_array_as_it_ends_it_alone()
    {
        // min_delta 100: no epoch improves on the first, so a run stops after 1 + patience epochs.
        const string sweep = "optimizer: [adam], seed: [1, 2], train.early_stopping.patience: [1, 2]";
        const string stopping = ", early_stopping: {monitor: val_loss, patience: 1, min_delta: 100}";
        using var fusedHarness = new SweepHarness();
        using var separateHarness = new SweepHarness();
        var fused = Outcomes(fusedHarness, fusedHarness.Load(Experiment("auto", stopping, sweep, epochs: 5)));
        var separate = Outcomes(separateHarness, separateHarness.Load(Experiment("off", stopping, sweep, epochs: 5)));

        Assert.Equal([2, 2, 3, 3], fused.Values.Select(o => o.Epochs).Order());
        foreach (var (id, a) in fused)
        {
            var b = separate[id];
            Assert.Equal(4, a.FusedWith!.Count);
            Assert.Equal((b.Status, b.Epochs, b.Reason), (a.Status, a.Epochs, a.Reason));
            Assert.InRange(Math.Abs(a.Last!.Get("loss")!.Value - b.Last!.Get("loss")!.Value), 0, 1e-3);
        }
    }

    [Fact]
    public void Pruned_runs_leave_their_array_as_they_stop_alone_and_the_others_train_on()
    {
        const string sweep = "optimizer: [sgd], seed: [1, 2], lr: [0.1, 0.00001]";
        const string pruning = "pruning: {method: median, monitor: val_loss, at_epochs: [1], min_runs: 2}";
        string Yaml(string fuse) => Experiment(fuse, sweep: sweep, epochs: 3, extra: pruning)
            .Replace("optimizer: \"${optimizer}\"", "optimizer: {name: \"${optimizer}\", learning_rate: \"${lr}\"}");
        using var fusedHarness = new SweepHarness();
        using var separateHarness = new SweepHarness();
        var fused = Outcomes(fusedHarness, fusedHarness.Load(Yaml("auto")));
        var separate = Outcomes(separateHarness, separateHarness.Load(Yaml("off")));

        // The array ends its members' epochs in plan order, so the pruner sees what it sees one run after another.
        Assert.Contains(fused.Values, o => o.Status == RunStatus.Pruned);
        foreach (var (id, a) in fused)
        {
            var b = separate[id];
            Assert.Equal(4, a.FusedWith!.Count);
            Assert.Equal((b.Status, b.Epochs), (a.Status, a.Epochs));
            Assert.InRange(Math.Abs(a.Last!.Get("loss")!.Value - b.Last!.Get("loss")!.Value), 0, 1e-3);
        }
    }

    [Fact]
    public void A_run_another_process_holds_stays_out_of_the_array()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Experiment("auto", epochs: 1));
        var held = h.Folder(experiment).Run(experiment.Runs[1]);
        Directory.CreateDirectory(held.Path);
        Dictionary<string, RunOutcome> outcomes;
        using (FileLock.Acquire(held.LockFile)) outcomes = Outcomes(h, experiment);

        Assert.Equal(3, outcomes.Count);
        Assert.DoesNotContain(experiment.Runs[1].Id, outcomes.Keys);
        Assert.All(outcomes.Values, o => Assert.Equal(outcomes.Keys.ToHashSet(), o.FusedWith!.ToHashSet()));
        Assert.Contains("is being trained by another process", h.Log.ToString());
    }
}
