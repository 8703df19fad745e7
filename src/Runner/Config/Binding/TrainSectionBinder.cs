using System.Text.RegularExpressions;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Devices;
using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Config.Binding;

/// <summary>
/// `train:` with Keras's defaults: rmsprop, sparse_categorical_crossentropy, [accuracy], 1 epoch,
/// batch 32; plus seed 0, shuffle true, device cpu (or auto, cuda, cuda:N, checked against this build), threads 0 (the runner decides) and optional early stopping.
/// </summary>
static partial class TrainSectionBinder
{
    public const string DefaultOptimizer = "rmsprop";
    public const string DefaultLoss = "sparse_categorical_crossentropy";
    public const string DefaultMetric = "accuracy";

    [GeneratedRegex("^(cpu|auto|cuda(:[0-9]{1,4})?)$")] private static partial Regex DeviceName();

    public static (TrainSpec? Spec, ConfigNode LossNode) Bind(
        SectionReader train, ComponentBinder components, bool hasValidation, DiagnosticBag bag)
    {
        var models = components.Models;
        var optimizer = train["optimizer"] is { } optimizerNode
            ? components.Bind(optimizerNode, models.Optimizers, "train.optimizer")
            : components.Default(DefaultOptimizer, models.Optimizers, train.Node);
        var loss = train["loss"] is { } lossNode
            ? components.Bind(lossNode, models.Losses, "train.loss")
            : components.Default(DefaultLoss, models.Losses, train.Node);
        var metrics = Metrics(train, models.Metrics, bag);
        int epochs = train.Int("epochs", 1, ValueRange.AtLeast(1));
        int batchSize = train.Int("batch_size", 32, ValueRange.AtLeast(1));
        int seed = train.Int("seed", 0, ValueRange.NonNegative);
        bool shuffle = train.Bool("shuffle", true);
        string device = train.Text("device", "cpu");
        if (!DeviceName().IsMatch(device))
            bag.Add(train.At("device"), $"train.device: unknown device '{device}'; write cpu, cuda, cuda:N or auto");
        else if (DeviceChoice.Problem(device, TorchBackend.Current) is { } problem)
            bag.Add(train.At("device"), $"train.device: {problem}");
        int threads = train.Int("threads", 0, ValueRange.NonNegative);
        var monitors = new MonitorNames(metrics ?? Array.Empty<string>(), hasValidation);
        var earlyStopping = EarlyStopping(train.Entry("early_stopping")?.Value, train.Node, monitors, bag);
        train.ReportUnknownKeys();

        bool ok = optimizer is not null && loss is not null && metrics is not null && earlyStopping.Ok;
        var spec = ok
            ? new TrainSpec(optimizer!, loss!, metrics!, epochs, batchSize, seed, shuffle, device, threads, earlyStopping.Spec)
            : null;
        return (spec, train["loss"] ?? train.Node);
    }

    static IReadOnlyList<string>? Metrics(SectionReader train, Registry<IMetricType> registry, DiagnosticBag bag)
    {
        if (train["metrics"] is not { } node) return new[] { DefaultMetric };
        if (node is not SequenceNode list)
        {
            bag.Add(node, $"train.metrics: expected a list of metric names, got {node.Describe()}; write e.g. `metrics: [accuracy]`");
            return null;
        }
        var names = new List<string>();
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            if (Values.Text(list.Items[i], $"train.metrics[{i}]", bag) is not { } name) { ok = false; continue; }
            if (!registry.TryGet(name, out var metric)) { bag.Add(list.Items[i], registry.UnknownMessage(name)); ok = false; }
            else if (names.Contains(metric.Name)) { bag.Add(list.Items[i], $"train.metrics: '{metric.Name}' is listed twice; keep one"); ok = false; }
            else names.Add(metric.Name);
        }
        return ok ? names : null;
    }

    /// <summary>Absent, null or false: off. `true`: Keras's defaults. A mapping: those settings.</summary>
    static (bool Ok, EarlyStoppingSpec? Spec) EarlyStopping(ConfigNode? node, ConfigNode trainNode, MonitorNames monitors, DiagnosticBag bag)
    {
        const string path = "train.early_stopping";
        if (node is null or ScalarNode { IsNull: true }) return (true, null);
        if (node is ScalarNode scalar && scalar.Kind == ScalarKind.Bool)
            return (true, ScalarKinds.BoolValue(scalar.Text) ? new EarlyStoppingSpec(monitors.DefaultMonitor, 0, 0, false) : null);
        var section = new SectionReader(node, trainNode, path, bag);
        if (!section.Present) return (false, null);
        int errors = bag.Reports;
        var monitor = section["monitor"] is { } monitorNode
            ? monitors.Check(monitorNode, section.PathOf("monitor"), allowTest: false, bag)
            : monitors.DefaultMonitor;
        int patience = section.Int("patience", 0, ValueRange.NonNegative);
        double minDelta = section.Float("min_delta", 0, ValueRange.NonNegative);
        bool restoreBest = section.Bool("restore_best", false);
        section.ReportUnknownKeys();
        return monitor is not null && bag.Reports == errors
            ? (true, new EarlyStoppingSpec(monitor, patience, minDelta, restoreBest))
            : (false, null);
    }
}
