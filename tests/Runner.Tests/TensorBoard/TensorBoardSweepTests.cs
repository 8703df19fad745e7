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

    [Fact]
    public void A_TPE_search_declares_its_whole_search_space_to_the_HParams_tab_not_the_startup_values()
    {
        using var h = new SweepHarness();
        var experiment = h.Load($$"""
            name: boardsearch
            data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
            {{ModelYaml.Softmax}}
            train: {optimizer: {name: "${optimizer}", learning_rate: "${lr}"}, epochs: 1, seed: 1, threads: 1}
            tensorboard: true
            sweep:
              tpe: {trials: 4, startup: 2, seed: 1, lr: {loguniform: [0.001, 0.3]}, optimizer: {choice: [sgd, adam, rmsprop]} }
            """);
        h.Run(experiment);

        var last = Directory.GetDirectories(h.Folder(experiment).RunsDirectory).Single(d => Path.GetFileName(d).StartsWith("trial=4,"));
        var hparams = EventFile.Values(EventFile.Read(Path.Combine(last, "tensorboard")))
            .Single(v => v.Value.Tag == "_hparams_/experiment").Value;
        var infos = new ProtoFields(hparams.Metadata.PluginData.Content).Message(2).Messages(4).ToDictionary(i => i.Text(1));
        // HParamInfo: domain_interval 6 { min_value 1, max_value 2 } for numbers, domain_discrete 5 for choices.
        var lr = infos["lr"].Message(6);
        Assert.Equal((0.001, 0.3), (lr.Double(1), lr.Double(2)));
        var choices = Google.Protobuf.WellKnownTypes.ListValue.Parser.ParseFrom(infos["optimizer"].Bytes(5).Single());
        Assert.Equal(["sgd", "adam", "rmsprop"], choices.Values.Select(v => v.StringValue));
    }
}
