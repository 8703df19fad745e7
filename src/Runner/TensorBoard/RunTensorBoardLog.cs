using Runner.Results;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Tensorboard;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace Runner.TensorBoard;

/// <summary>
/// The TensorBoard log of one run, in <c>runs/&lt;directory&gt;/tensorboard/</c>:
/// <list type="bullet">
/// <item>per-epoch scalars through TorchSharp's SummaryWriter, Keras-style: train metrics in the
/// <c>train</c> sub-run and validation metrics in <c>validation</c>, both as <c>epoch_&lt;metric&gt;</c>, so
/// TensorBoard overlays them;</item>
/// <item>the HParams plugin summaries TorchSharp lacks (experiment, session start with the axis
/// values, session end with the status), appended to the run's own event file, so that
/// <c>tensorboard --logdir results/&lt;name&gt;</c> compares the runs by axis values and final metrics.</item>
/// </list>
/// </summary>
public sealed class RunTensorBoardLog : IDisposable
{
    readonly SummaryWriter _root;
    readonly string _rootEventFile;
    readonly Dictionary<string, SummaryWriter> _groups = [];

    RunTensorBoardLog(string directory, SummaryWriter root, string rootEventFile)
    {
        Directory = directory;
        _root = root;
        _rootEventFile = rootEventFile;
    }

    /// <summary>The log folder, <c>&lt;runDirectory&gt;/tensorboard</c>.</summary>
    public string Directory { get; }

    /// <summary>Opens the log of a run and records what it is: the experiment and the run's axis values.</summary>
    /// <param name="runDirectory">The run's folder, <c>results/&lt;name&gt;/runs/&lt;directory&gt;</c>.</param>
    /// <param name="axisValues">The run's value of every sweep axis (seed included), as in runs.csv.</param>
    public static RunTensorBoardLog Open(string runDirectory, TensorBoardExperiment experiment, IReadOnlyList<KeyValuePair<string, string>> axisValues)
    {
        var directory = Path.Combine(runDirectory, ResultsLayout.TensorBoardFolder);
        System.IO.Directory.CreateDirectory(directory);
        var (root, file) = NewWriter(directory);
        var log = new RunTensorBoardLog(directory, root, file);
        var now = UnixSeconds();
        log.AppendHParams(HParamsTags.Experiment, HParamsPluginData.Experiment(experiment.Name, experiment.HParams, experiment.Metrics, now));
        var hparams = experiment.HParams.Select(h => new KeyValuePair<string, Value>(h.Name,
            HParamValue.Of(axisValues.FirstOrDefault(a => a.Key == h.Name).Value ?? "", h.Type))).ToArray();
        log.AppendHParams(HParamsTags.SessionStart, HParamsPluginData.SessionStart(hparams, TensorBoardExperiment.GroupOf(axisValues), now));
        return log;
    }

    /// <summary>
    /// Logs one row of metrics.csv: every column by its name (loss, accuracy, val_loss, ...,
    /// learning_rate). NaN is logged as NaN: a diverging run should show it.
    /// </summary>
    public void LogEpoch(int epoch, IReadOnlyDictionary<string, double> values)
    {
        foreach (var (column, value) in values)
        {
            if (column == "epoch") continue;
            var tag = MetricTag.For(column);
            Writer(tag.Group).add_scalar(tag.Tag, (float)value, epoch, (long)UnixSeconds());
        }
    }

    /// <summary>Markdown text shown in TensorBoard's Text tab (e.g. the resolved config, the model summary).</summary>
    public void LogText(string tag, string text, int step = 0) =>
        _root.add_text(tag, text, step, (long)UnixSeconds());

    /// <summary>
    /// Closes the session: logs the final test metrics (test_loss, ...) at <paramref name="step"/>,
    /// the status and reason as text, and the HParams session end, after which TensorBoard shows the
    /// run as finished with that status.
    /// </summary>
    public void End(string runStatus, int step, IReadOnlyDictionary<string, double>? finalMetrics = null, string? reason = null)
    {
        foreach (var (column, value) in finalMetrics ?? new Dictionary<string, double>())
        {
            var tag = MetricTag.For(column);
            Writer(tag.Group).add_scalar(tag.Tag, (float)value, step, (long)UnixSeconds());
        }
        LogText("status", string.IsNullOrEmpty(reason) ? runStatus : $"{runStatus}: {reason}", step);
        AppendHParams(HParamsTags.SessionEnd, HParamsPluginData.SessionEnd(StatusOf(runStatus), UnixSeconds()));
    }

    /// <summary>runs.csv status -> HParams status. Pruning is neither success nor failure: unknown.</summary>
    public static SessionStatus StatusOf(string runStatus) => runStatus switch
    {
        "done" => SessionStatus.Success,
        "failed" or "diverged" => SessionStatus.Failure,
        "running" => SessionStatus.Running,
        _ => SessionStatus.Unknown,
    };

    /// <summary>
    /// Nothing to flush: every event is written and closed as it is logged. A run that stops without
    /// <see cref="End"/> stays "running" in TensorBoard, which is the truth for a crashed run.
    /// </summary>
    public void Dispose() { }

    SummaryWriter Writer(string group)
    {
        if (group.Length == 0) return _root;
        if (!_groups.TryGetValue(group, out var writer))
            _groups[group] = writer = NewWriter(Path.Combine(Directory, group)).Writer;
        return writer;
    }

    /// <summary>A SummaryWriter and the event file it just created (its name is not exposed).</summary>
    static (SummaryWriter Writer, string File) NewWriter(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var before = EventFiles(directory);
        var writer = tensorboard.SummaryWriter(directory);
        var created = EventFiles(directory).Except(before).ToArray();
        if (created.Length != 1) throw new IOException($"expected one new event file in {directory}, found {created.Length}");
        return (writer, created[0]);
    }

    static string[] EventFiles(string directory) => System.IO.Directory.GetFiles(directory, "events.out.tfevents.*");

    /// <summary>An hparams summary in the format TensorBoard's hparams plugin writes itself.</summary>
    void AppendHParams(string tag, ByteString pluginData)
    {
        var value = new Summary.Types.Value
        {
            Tag = tag,
            Metadata = new SummaryMetadata
            {
                PluginData = new SummaryMetadata.Types.PluginData { PluginName = HParamsTags.PluginName, Content = pluginData },
                DataClass = DataClass.Tensor,
            },
            // hparams summaries carry their data in the metadata; the tensor is a placeholder scalar 0.
            Tensor = new TensorProto { Dtype = Tensorboard.DataType.DtFloat, TensorShape = new TensorShapeProto(), FloatVal = { 0f } },
        };
        var summary = new Summary();
        summary.Value.Add(value);
        TfRecordFile.Append(_rootEventFile, new Event { WallTime = UnixSeconds(), Step = 0, Summary = summary }.ToByteArray());
    }

    static double UnixSeconds() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
}
