using Runner.Tests.TensorBoard;

namespace Runner.Tests.TensorBoard;

[Collection(TorchCollection.Name)]
public sealed class TensorBoardSweepTests
{
    [Fact]
    public void A_sweep_with_tensorboard_writes_each_runs_epoch_scalars()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$"""
            name: board
            data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
            {{ModelYaml.Softmax}}
            train: {optimizer: ${optimizer}, epochs: 3, seed: 1, threads: 1}
            tensorboard: true
            sweep: {optimizer: [sgd, adam]}
            """);
        h.Run(experiment);

        foreach (var (run, index) in experiment.Runs.Select((r, i) => (r, i)))
        {
            var dir = Path.Combine(h.Folder(experiment).Run(run).Path, "tensorboard");
            var metrics = h.Metrics(experiment, index);
            var train = EventFile.Scalars(EventFile.Read(Path.Combine(dir, "train")), "epoch_loss");
            var validation = EventFile.Scalars(EventFile.Read(Path.Combine(dir, "validation")), "epoch_accuracy");
            Assert.Equal(metrics.Select(m => ((long)m.Epoch, (float)m.Get("loss")!.Value)), train);
            Assert.Equal(metrics.Select(m => ((long)m.Epoch, (float)m.Get("val_accuracy")!.Value)), validation);
        }
    }
}
