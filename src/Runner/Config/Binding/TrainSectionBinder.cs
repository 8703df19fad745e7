using System.Text.RegularExpressions;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Devices;
using Runner.Models.Registries;
using Runner.Models.Specs;
using Runner.Files;

namespace Runner.Config.Binding;

/// <summary>
/// `train:` with Keras's defaults: rmsprop, sparse_categorical_crossentropy, [accuracy], 1 epoch,
/// batch 32; plus seed 0, shuffle true, device cpu (or auto, cuda, cuda:N, checked against this build), threads 0 (the runner decides),
/// fuse auto and optional early stopping. `fuse` is written into the resolved config (and so the run's hash)
/// only when off: fused training is the same computation, and existing results keep their names.
/// </summary>
static partial class TrainSectionBinder
{
    public const string DefaultOptimizer = "rmsprop";
    public const string DefaultLoss = "sparse_categorical_crossentropy";
    public const string DefaultMetric = "accuracy";
    public const string DevicePattern = "^(cpu|auto|cuda(:[0-9]{1,4})?)$";

    [GeneratedRegex(DevicePattern)] private static partial Regex DeviceName();

    public static readonly ComponentKey Optimizer = new("optimizer", "optimizer", DefaultOptimizer,
        "the optimizer: a name (adam) or a mapping with its settings ({name: sgd, learning_rate: 0.1})");
    public static readonly ComponentKey Loss = new("loss", "loss", DefaultLoss, "the loss the optimizer minimises");
    public static readonly ComponentSetKey Metrics = new("metrics", "metric", [DefaultMetric],
        "metrics recorded every epoch on every split besides the loss and accuracy: names (f1_score) or mappings ({name: f1_score, average: weighted})");
    public static readonly ScalarKey Epochs = new(Param.Int("epochs", 1, "passes over the training set", ValueRange.AtLeast(1)));
    public static readonly ScalarKey BatchSize = new(Param.Int("batch_size", 32, "samples per optimizer step", ValueRange.AtLeast(1)));
    public static readonly ScalarKey Seed = new(Param.Int("seed", 0, "seeds the run's initial weights, shuffling and dropout", ValueRange.NonNegative));
    public static readonly ScalarKey Shuffle = new(Param.Bool("shuffle", true, "shuffle the training set every epoch"));
    public static readonly ScalarKey Device = new(new ParameterInfo("device", ParameterType.Text, "cpu", "where to train: cpu, cuda, cuda:N or auto (a GPU when one is visible, else cpu)"))
        { Pattern = DevicePattern };
    public static readonly ScalarKey Threads = new(Param.Int("threads", 0, "torch threads per run; 0: decided by Runner (free cores / --jobs, following the load)", new ValueRange(0, Limits.MaxThreads)));

    public const string FusePattern = "^(auto|off)$";
    public static readonly ScalarKey Fuse = new(new ParameterInfo("fuse", ParameterType.Text, TrainSpec.FuseAuto,
        "auto: runs of the same shape may train together as one stacked model (the same numbers to float rounding); off: each run trains alone"))
        { Pattern = FusePattern };

    public static readonly MonitorKey Monitor = new("monitor", AllowTest: false, "the metric watched; default val_loss with a validation split, else loss");
    public static readonly ScalarKey Patience = new(Param.Int("patience", 0, "epochs without improvement before stopping", ValueRange.NonNegative));
    public static readonly ScalarKey MinDelta = new(Param.Float("min_delta", 0, "the smallest change that counts as an improvement", ValueRange.NonNegative));
    public static readonly ScalarKey RestoreBest = new(Param.Bool("restore_best", false, "end with the weights of the best epoch rather than the last"));
    public static readonly Section EarlyStoppingSection = new("train.early_stopping",
        "stop a run when the monitored metric stops improving; true: with every default", [Monitor, Patience, MinDelta, RestoreBest]);
    public static readonly SectionKey EarlyStoppingKey = new("early_stopping", EarlyStoppingSection, SectionSwitch.OnOff, EarlyStoppingSection.Description);

    public static readonly Section Section = new("train", "how each run trains (Keras's defaults)",
        [Optimizer, Loss, Metrics, Epochs, BatchSize, Seed, Shuffle, Device, Threads, Fuse, EarlyStoppingKey])
        { KeysFor = spec => ((TrainSpec)spec).Fuse == TrainSpec.FuseAuto ? Section!.Keys.Where(k => k != Fuse) : Section!.Keys };

    /// <returns>The spec (null when anything was refused), where loss errors point, and the epochs (null when refused, so
    /// what depends on them is not checked against a stand-in).</returns>
    public static (TrainSpec? Spec, ConfigNode LossNode, int? Epochs) Bind(
        SectionReader train, ComponentBinder components, bool hasValidation, DiagnosticBag bag)
    {
        var models = components.Models;
        var optimizer = train[Optimizer] is { } optimizerNode
            ? components.Bind(optimizerNode, models.Optimizers, "train.optimizer")
            : components.Default(Optimizer.Default!, models.Optimizers, train.Node);
        var loss = train[Loss] is { } lossNode
            ? components.Bind(lossNode, models.Losses, "train.loss")
            : components.Default(Loss.Default!, models.Losses, train.Node);
        var metrics = MetricList(train, components, bag);
        int? epochs = train.IntUnlessRefused(Epochs);
        int batchSize = train.Int(BatchSize);
        int seed = train.Int(Seed);
        bool shuffle = train.Bool(Shuffle);
        string device = train.Text(Device);
        if (!DeviceName().IsMatch(device))
            bag.Add(train.At(Device.Name), $"train.device: unknown device '{device}'; write cpu, cuda, cuda:N or auto");
        else if (DeviceChoice.Problem(device, TorchBackend.Current) is { } problem)
            bag.Add(train.At(Device.Name), $"train.device: {problem}");
        int threads = train.Int(Threads);
        string fuse = train.Text(Fuse);
        if (fuse is not (TrainSpec.FuseAuto or TrainSpec.FuseOff))
            bag.Add(train.At(Fuse.Name), $"train.fuse: unknown value '{fuse}'; write auto or off");
        var monitors = new MonitorNames(metrics?.Select(m => m.Name).ToList() ?? [], hasValidation);
        var earlyStopping = EarlyStopping(train.Entry(EarlyStoppingKey.Name)?.Value, train.Node, monitors, bag);
        train.ReportUnknownKeys();

        bool ok = optimizer is not null && loss is not null && metrics is not null && earlyStopping.Ok;
        var spec = ok
            ? new TrainSpec(optimizer!, loss!, metrics!, epochs ?? 1, batchSize, seed, shuffle, device, threads, earlyStopping.Spec, fuse)
            : null;
        return (spec, train[Loss] ?? train.Node, epochs);
    }

    static IReadOnlyList<ComponentSpec>? MetricList(SectionReader train, ComponentBinder components, DiagnosticBag bag)
    {
        var registry = components.Models.Metrics;
        if (train[Metrics] is not { } node)
            return Metrics.Default.Select(name => components.Default(name, registry, train.Node)).OfType<ComponentSpec>().ToList();
        if (node is not SequenceNode list)
        {
            bag.Add(node, $"train.metrics: expected a list of metrics, got {node.Describe()}; write e.g. `metrics: [accuracy, f1_score]`");
            return null;
        }
        var metrics = new List<ComponentSpec>();
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            if (components.Bind(list.Items[i], registry, $"train.metrics[{i}]") is not { } metric) { ok = false; continue; }
            // One column per metric name: a second f1_score (another average) would have nowhere to go.
            if (metrics.Any(m => m.Name == metric.Name)) { bag.Add(list.Items[i], $"train.metrics: '{metric.Name}' is listed twice; keep one"); ok = false; }
            else metrics.Add(metric);
        }
        return ok ? metrics : null;
    }

    /// <summary>Absent, null or false: off. `true`: Keras's defaults. A mapping: those settings.</summary>
    static (bool Ok, EarlyStoppingSpec? Spec) EarlyStopping(ConfigNode? node, ConfigNode trainNode, MonitorNames monitors, DiagnosticBag bag)
    {
        if (node is null or ScalarNode { IsNull: true }) return (true, null);
        if (node is ScalarNode scalar && scalar.Kind == ScalarKind.Bool)
            return (true, ScalarKinds.BoolValue(scalar.Text) ? new EarlyStoppingSpec(monitors.DefaultMonitor, 0, 0, false) : null);
        var section = new SectionReader(node, trainNode, EarlyStoppingSection, bag);
        if (!section.Present) return (false, null);
        int errors = bag.Reports;
        var monitor = section[Monitor] is { } monitorNode
            ? monitors.Check(monitorNode, section.PathOf(Monitor.Name), Monitor.AllowTest, bag)
            : monitors.DefaultMonitor;
        int patience = section.Int(Patience);
        double minDelta = section.Float(MinDelta);
        bool restoreBest = section.Bool(RestoreBest);
        section.ReportUnknownKeys();
        return monitor is not null && bag.Reports == errors
            ? (true, new EarlyStoppingSpec(monitor, patience, minDelta, restoreBest))
            : (false, null);
    }
}
