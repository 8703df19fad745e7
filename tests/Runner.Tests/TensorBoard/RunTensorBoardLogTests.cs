using global::Runner.TensorBoard;

namespace Runner.Tests.TensorBoard;

[Collection(TorchCollection.Name)]
public class RunTensorBoardLogTests
{
    static readonly KeyValuePair<string, IReadOnlyList<string>>[] Axes =
    [
        new("optimizer", ["sgd", "adam"]),
        new("train.batch_size", ["32", "128"]),
        new("seed", ["1", "2"]),
    ];

    static readonly KeyValuePair<string, string>[] RunAxisValues =
        [new("optimizer", "adam"), new("train.batch_size", "128"), new("seed", "2")];

    /// <summary>Logs a three-epoch run the way the training loop will, then returns its log folder.</summary>
    static string LogRun(string root, string status = "done")
    {
        var run = Path.Combine(root, "runs", "003-adam-128-2-abcd");
        using var log = RunTensorBoardLog.Open(run, TensorBoardExperiment.For("optimizers", Axes), RunAxisValues);
        log.LogText("config", "train:\n  optimizer: adam\n");
        for (var epoch = 1; epoch <= 3; epoch++)
            log.LogEpoch(epoch, new Dictionary<string, double>
            {
                ["loss"] = 1.0 / epoch, ["accuracy"] = 0.5 + 0.1 * epoch,
                ["val_loss"] = 1.1 / epoch, ["val_accuracy"] = 0.45 + 0.1 * epoch,
                ["learning_rate"] = 0.001,
            });
        log.End(status, 3, new Dictionary<string, double> { ["test_loss"] = 0.4, ["test_accuracy"] = 0.77 }, status == "done" ? null : "loss became NaN");
        return log.Directory;
    }

    [Fact]
    public void Epoch_scalars_are_written_keras_style_and_read_back_through_the_crcs()
    {
        using var temp = new TempFolder();
        var directory = LogRun(temp.Path);

        Assert.Equal(Path.Combine(temp.Path, "runs", "003-adam-128-2-abcd", "tensorboard"), directory);
        var train = EventFile.Read(Path.Combine(directory, "train"));
        var validation = EventFile.Read(Path.Combine(directory, "validation"));
        Assert.Equal("brain.Event:2", train[0].FileVersion);

        Assert.Equal([(1L, 1f), (2L, 0.5f), (3L, 1f / 3)], EventFile.Scalars(train, "epoch_loss"));
        Assert.Equal([(1L, 0.6f), (2L, 0.7f), (3L, 0.8f)], EventFile.Scalars(train, "epoch_accuracy").Select(s => (s.Step, MathF.Round(s.Value, 5))));
        Assert.Equal(3, EventFile.Scalars(train, "epoch_learning_rate").Count);
        Assert.Equal([(1L, 0.55f), (2L, 0.65f), (3L, 0.75f)], EventFile.Scalars(validation, "epoch_accuracy").Select(s => (s.Step, MathF.Round(s.Value, 5))));
        Assert.Empty(EventFile.Scalars(validation, "epoch_learning_rate"));
        // Wall times are Unix seconds (TorchSharp's default would be 0 or .NET ticks).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(train.Skip(1), e => Assert.InRange(e.WallTime, now - 600, now + 5));

        var root = EventFile.Read(directory);
        Assert.Equal([(3L, 0.77f)], EventFile.Scalars(root, "test_accuracy"));
        var texts = EventFile.Values(root).Where(v => v.Value.Metadata?.PluginData?.PluginName == "text")
            .ToDictionary(v => v.Value.Tag, v => v.Value.Tensor.StringVal[0].ToStringUtf8());
        Assert.Equal("train:\n  optimizer: adam\n", texts["config/text_summary"]);
        Assert.Equal("done", texts["status/text_summary"]);
    }

    [Fact]
    public void HParams_plugin_data_describes_the_experiment_and_the_session()
    {
        using var temp = new TempFolder();
        var root = EventFile.Read(LogRun(temp.Path));
        var hparams = EventFile.Values(root).Where(v => v.Value.Metadata?.PluginData?.PluginName == "hparams")
            .ToDictionary(v => v.Value.Tag, v => v.Value);
        Assert.Equal(["_hparams_/experiment", "_hparams_/session_start_info", "_hparams_/session_end_info"], hparams.Keys);
        Assert.All(hparams.Values, v => Assert.Equal(Tensorboard.DataClass.Tensor, v.Metadata.DataClass));

        // HParamsPluginData { version = 1; experiment = 2; session_start_info = 3; session_end_info = 4 }
        var experiment = new ProtoFields(hparams["_hparams_/experiment"].Metadata.PluginData.Content);
        Assert.Equal(0ul, experiment.Varint(1));
        var body = experiment.Message(2);
        Assert.Equal("optimizers", body.Text(6));
        var infos = body.Messages(4).ToArray();   // HParamInfo: name 1, type 4, domain_discrete 5
        Assert.Equal(["optimizer", "train.batch_size"], infos.Select(i => i.Text(1)));   // no seed: seeds group together
        Assert.Equal([1ul, 3ul], infos.Select(i => i.Varint(4)));                     // string, float64
        var batchDomain = Google.Protobuf.WellKnownTypes.ListValue.Parser.ParseFrom(infos[1].Bytes(5).Single());
        Assert.Equal([32.0, 128.0], batchDomain.Values.Select(v => v.NumberValue));
        var optimizerDomain = Google.Protobuf.WellKnownTypes.ListValue.Parser.ParseFrom(infos[0].Bytes(5).Single());
        Assert.Equal(["sgd", "adam"], optimizerDomain.Values.Select(v => v.StringValue));
        var metrics = body.Messages(5).Select(m => (Group: m.Message(1).Text(1), Tag: m.Message(1).Text(2), Display: m.Text(3), Dataset: m.Varint(5))).ToArray();
        Assert.Contains(("validation", "epoch_accuracy", "val_accuracy", 2ul), metrics);
        Assert.Contains(("train", "epoch_loss", "loss", 1ul), metrics);
        Assert.Contains(("", "test_accuracy", "test_accuracy", 0ul), metrics);
        Assert.Equal(6, metrics.Length);

        var start = new ProtoFields(hparams["_hparams_/session_start_info"].Metadata.PluginData.Content).Message(3);
        var values = start.Messages(1).ToDictionary(e => e.Text(1), e => Google.Protobuf.WellKnownTypes.Value.Parser.ParseFrom(e.Bytes(2).Single()));
        Assert.Equal("adam", values["optimizer"].StringValue);
        Assert.Equal(128.0, values["train.batch_size"].NumberValue);
        Assert.False(values.ContainsKey("seed"));
        Assert.Equal("optimizer=adam,train.batch_size=128", start.Text(4));
        Assert.True(start.Double(5) > 1.7e9);

        var end = new ProtoFields(hparams["_hparams_/session_end_info"].Metadata.PluginData.Content).Message(4);
        Assert.Equal((ulong)SessionStatus.Success, end.Varint(1));
        Assert.True(end.Double(2) >= start.Double(5));
    }

    [Fact]
    public void A_diverged_run_ends_as_a_failure_with_its_reason()
    {
        using var temp = new TempFolder();
        var root = EventFile.Read(LogRun(temp.Path, status: "diverged"));
        var end = EventFile.Values(root).Single(v => v.Value.Tag == "_hparams_/session_end_info").Value;
        Assert.Equal((ulong)SessionStatus.Failure, new ProtoFields(end.Metadata.PluginData.Content).Message(4).Varint(1));
        var status = EventFile.Values(root).Single(v => v.Value.Tag == "status/text_summary").Value;
        Assert.Equal("diverged: loss became NaN", status.Tensor.StringVal[0].ToStringUtf8());
    }
}
