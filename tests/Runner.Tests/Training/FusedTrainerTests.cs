using Runner.Cli;
using Runner.Data;
using Runner.Planning;
using Runner.Progress;
using Runner.Recording;
using Runner.Results;
using Runner.Sweeps;
using Runner.Threading;
using Runner.Training;
using Runner.Training.Fused;
using static TorchSharp.torch;

namespace Runner.Tests.Training;

/// <summary>
/// Fused training (a <see cref="StackedModel"/> of same-shape runs) against the same runs trained one by
/// one, on real MNIST: per-run weights, metrics and results.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FusedTrainerTests
{
    /// <summary>
    /// sgd with Nesterov momentum, plain sgd with weight decay, rmsprop, adam and adamw x sigmoid and relu
    /// x 3 seeds (30 runs): every stacked optimizer rule, each kind one optimizer pass.
    /// </summary>
    static string Mixed(int trainLimit, int epochs, string data = "dataset: mnist", double dropout = 0) => $$"""
        name: fused_mix
        data: {{{data}}, train_limit: {{trainLimit}}, test_limit: 500}
        {{ModelYaml.Mlp(100, "${activation}", dropout)}}
        train: {optimizer: "${optimizer}", epochs: {{epochs}}, batch_size: 32, seed: "${seed}", threads: 1, fuse: off}
        sweep:
          optimizer: [{name: sgd, learning_rate: 0.05, momentum: 0.9, nesterov: true}, {name: sgd, learning_rate: 0.1, weight_decay: 0.001}, rmsprop, adam, adamw]
          activation: [sigmoid, relu]
          seed: [1, 2, 3]
        """;

    [Fact]
    public void Fused_runs_end_50_steps_with_the_weights_of_separate_training()
    {
        using var h = new SweepHarness();
        // 1600 training samples at batch 32: one epoch is 50 steps. Dropout too, so each run's masks are checked,
        // and a validation split, which the array evaluates in one stacked pass (without dropout).
        var experiment = h.Load(Mixed(2000, 1, "dataset: mnist, validation_split: 0.2, split_seed: 7", dropout: 0.2));
        Assert.Equal(30, experiment.Runs.Count);
        h.Run(experiment);
        using var fused = new FusedRun(experiment);
        var outcomes = fused.Train();

        double worst = 0;
        foreach (var run in experiment.Runs)
        {
            Assert.Equal(RunStatus.Done, outcomes[run.Id].Status);
            Assert.Equal(experiment.Runs.Select(r => r.Id).ToHashSet(), outcomes[run.Id].FusedWith!.ToHashSet());
            var (alone, fusedOutcome) = (h.Folder(experiment).Run(run).ReadResult()!, outcomes[run.Id]);
            Assert.Null(alone.FusedWith);   // the reference trained one run at a time (train.fuse: off)
            foreach (var metric in new[] { "val_loss", "val_accuracy" })
                Assert.Equal(alone.Last!.Get(metric)!.Value, fusedOutcome.Last!.Get(metric)!.Value, 4);
            var separate = Weights(experiment, run, h.Folder(experiment).Run(run).FinalModel);
            var together = Weights(experiment, run, fused.Folder.Run(run).FinalModel);
            foreach (var (name, a) in separate)
                worst = Math.Max(worst, (a - together[name]).abs().max().item<float>());
            foreach (var t in separate.Values.Concat(together.Values)) t.Dispose();
        }
        Assert.InRange(worst, 0, 1e-5);
        // Not trivially equal: the runs moved away from their initial weights and from each other.
        var first = Weights(experiment, experiment.Runs[0], fused.Folder.Run(experiment.Runs[0]).FinalModel);
        var second = Weights(experiment, experiment.Runs[1], fused.Folder.Run(experiment.Runs[1]).FinalModel);
        Assert.True((first["dense.weight"] - second["dense.weight"]).abs().max().item<float>() > 1e-3);
    }

    [Fact]
    public void After_a_full_epoch_each_fused_run_validates_within_half_a_percent_of_separate_training()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Mixed(12000, 1, "dataset: fashion_mnist, validation_split: 0.2, split_seed: 42"));
        var separate = h.Run(experiment).Runs.ToDictionary(r => r.Run.Id, r => r.Outcome);
        using var fused = new FusedRun(experiment);
        var outcomes = fused.Train();

        foreach (var run in experiment.Runs)
        {
            double a = separate[run.Id].Last!.Get("val_accuracy")!.Value, b = outcomes[run.Id].Last!.Get("val_accuracy")!.Value;
            Assert.True(Math.Abs(a - b) <= 0.005, $"{run.Id}: val_accuracy {a} separate, {b} fused");
            Assert.True(b > 0.5, $"{run.Id} learned: {b}");
        }
    }

    [Fact]
    public void A_diverging_run_leaves_the_array_and_the_others_finish_as_if_alone()
    {
        using var h = new SweepHarness();
        var experiment = h.Load("""
            name: fused_diverge
            data: {dataset: mnist, train_limit: 1600, test_limit: 500}
            model: {input: [28, 28], layers: [flatten, {dense: {units: 64, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
            train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, seed: "${seed}", threads: 1, fuse: off}
            sweep:
              lr: [0.05, 1.0e+30]
              seed: [1, 2]
            """);
        var separate = h.Run(experiment).Runs.ToDictionary(r => r.Run.Id, r => r.Outcome);
        Assert.Equal(2, separate.Values.Count(o => o.Status == RunStatus.Diverged));
        using var fused = new FusedRun(experiment);
        var outcomes = fused.Train();

        foreach (var run in experiment.Runs)
        {
            var (a, b) = (separate[run.Id], outcomes[run.Id]);
            Assert.Equal(a.Status, b.Status);
            if (a.Status == RunStatus.Diverged)
            {
                Assert.Equal(a.Reason, b.Reason);
                continue;
            }
            Assert.Equal(RunStatus.Done, b.Status);
            var sa = Weights(experiment, run, h.Folder(experiment).Run(run).FinalModel);
            var sb = Weights(experiment, run, fused.Folder.Run(run).FinalModel);
            foreach (var (name, t) in sa) Assert.InRange((t - sb[name]).abs().max().item<float>(), 0, 1e-5);
            Assert.Equal(a.Test!.Get("accuracy")!.Value, b.Test!.Get("accuracy")!.Value, 2);
        }
        Assert.Contains(outcomes.Values, o => o.Status == RunStatus.Diverged);
    }

    [Fact]
    public void Runs_that_end_together_are_tested_in_one_stacked_pass_with_the_metrics_and_predictions_of_their_own_test()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Mixed(640, 1));
        using var fused = new FusedRun(experiment);
        var outcomes = fused.Train();
        using var cache = new PreparedDataCache(RunnerRegistries.LoadedDatasets, new DataContext(h.Folder(experiment).Path, _ => { }));
        var data = cache.Get(experiment.Runs[0].Experiment.Data);

        foreach (var run in experiment.Runs)
        {
            // The run's own model.bin, tested alone by the Evaluator a run trained alone uses.
            using var built = new RunModel(run, RunnerRegistries.Models);
            built.Model.load(fused.Folder.Run(run).FinalModel);
            using var predicted = empty(data.TestX.shape[0], dtype: ScalarType.Int64);
            var alone = new Evaluator(built.Loss, built.Metrics, data.OneHot, data.Classes, Evaluator.BatchSizeFor(run.ModelPlan))
                .Evaluate(built.Model, data.TestX, data.TestY, predicted);
            var stacked = outcomes[run.Id].Test!;
            Assert.Equal(alone.Values.Get("accuracy")!.Value, stacked.Get("accuracy")!.Value);
            Assert.Equal(alone.Values.Get("loss")!.Value, stacked.Get("loss")!.Value, 1e-6);
            var written = File.ReadLines(fused.Folder.Run(run).PredictionsCsv).Skip(1).Select(l => long.Parse(l.Split(',')[2])).ToArray();
            Assert.Equal(predicted.data<long>().ToArray(), written);
        }
        // Different runs, different predictions: each row went to its own run.
        Assert.NotEqual(File.ReadAllText(fused.Folder.Run(experiment.Runs[0]).PredictionsCsv),
            File.ReadAllText(fused.Folder.Run(experiment.Runs[^1]).PredictionsCsv));
    }

    /// <summary>A run's saved weights by parameter name, loaded into its own freshly built model.</summary>
    static Dictionary<string, Tensor> Weights(LoadedExperiment experiment, PlannedRun run, string modelBin)
    {
        using var built = new RunModel(run, RunnerRegistries.Models);
        built.Model.load(modelBin);
        return built.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
    }

    /// <summary>Every run of an experiment trained as one fused array, through the real run folders, in a folder of its own.</summary>
    sealed class FusedRun(LoadedExperiment experiment) : IDisposable
    {
        readonly TempFolder _dir = new();
        public ExperimentFolder Folder => new(Path.Combine(_dir.Path, "results", experiment.Name));

        public Dictionary<string, RunOutcome> Train()
        {
            var observer = new PlainProgress(new StringWriter());
            using var cache = new PreparedDataCache(RunnerRegistries.LoadedDatasets, new DataContext(_dir.Path, observer.Message));
            var data = cache.Get(experiment.Runs[0].Experiment.Data);
            var executor = new RunExecutor(RunnerRegistries.Models, observer, new TorchThreads(1, new MachineLoad(), observer.Message));
            var sessions = experiment.Runs.Select(run =>
            {
                var folder = Folder.Run(run);
                Directory.CreateDirectory(folder.Path);
                return executor.Open(run, data, folder, pruner: null, retry: false);
            }).ToList();
            var outcomes = new Dictionary<string, RunOutcome>();
            try
            {
                new FusedTrainer(RunnerRegistries.Models, observer, new TorchThreads(1, new MachineLoad(), observer.Message))
                    .Train(sessions, data, CancellationToken.None, (s, o) => outcomes[s.Run.Id] = o);
            }
            finally
            {
                sessions.ForEach(s => s.Dispose());
            }
            return outcomes;
        }

        public void Dispose() => _dir.Dispose();
    }
}
