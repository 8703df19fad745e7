using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// `pruning: {method: median | successive_halving, monitor: val_accuracy, at_epochs: [1, 2],
/// min_runs: 3, keep_fraction: 0.5}` or `pruning: {method: asha | hyperband, monitor: val_accuracy,
/// min_epochs: 1, reduction: 3}`; absent, null or false turns it off. Runs are compared at the
/// end of the listed (or, for asha and hyperband, geometric) epochs, so those must come before the last epoch.
/// Each method reads only its own keys; the others' are refused as unknown.
/// </summary>
static class PruningSectionBinder
{
    public static readonly IReadOnlyList<string> Methods = new[] { "median", "successive_halving", "asha", "hyperband" };

    /// <summary>The monitor defaults to the metric the report compares (unless that is a test metric, known only at the end).</summary>
    public static PruningSpec? Bind(ConfigNode? node, ConfigNode root, int epochs, MonitorNames monitors, ReportSpec? report, DiagnosticBag bag)
    {
        if (node is null || node is ScalarNode { Kind: ScalarKind.Bool } off && !ScalarKinds.BoolValue(off.Text)) return null;
        var section = new SectionReader(node, root, "pruning", bag);
        if (!section.Present) return null;

        string method = section.Text("method", "median");
        if (!Methods.Contains(method))
            bag.Add(section.At("method"), $"pruning.method: unknown method '{method}'. {NameSuggestion.KnownAndSuggestion(method, Methods)}");
        var monitor = section["monitor"] is { } monitorNode
            ? monitors.Check(monitorNode, "pruning.monitor", allowTest: false, bag)
            : report is not null && !report.Metric.StartsWith("test_", StringComparison.Ordinal) ? report.Metric : monitors.DefaultReportMetric;
        if (method is "asha" or "hyperband") return Geometric(section, method, monitor, epochs, bag);
        var atEpochs = AtEpochs(section, epochs, bag);
        int minRuns = section.Int("min_runs", 3, ValueRange.AtLeast(1));
        double keepFraction = section.Float("keep_fraction", 0.5, new ValueRange(0, 1, MinInclusive: false, MaxInclusive: false));
        section.ReportUnknownKeys();
        return monitor is null || atEpochs is null ? null : new PruningSpec(method, monitor, atEpochs, minRuns, keepFraction);
    }

    /// <summary>asha and hyperband: rungs at min_epochs * reduction^k; at least the first must come before the last epoch.</summary>
    static PruningSpec? Geometric(SectionReader section, string method, string? monitor, int epochs, DiagnosticBag bag)
    {
        int minEpochs = section.Int("min_epochs", 1, ValueRange.AtLeast(1));
        int reduction = section.Int("reduction", 3, new ValueRange(2, 100));
        section.ReportUnknownKeys();
        var rungs = Sweeps.Pruning.Rungs.Before(epochs, minEpochs, reduction);
        if (rungs.Count == 0)
        {
            bag.Add(section.At("min_epochs"), $"pruning.min_epochs: {method} judges runs at epochs {minEpochs}, {minEpochs * reduction}, ... before the last epoch ({epochs}), and there is none; lower min_epochs below {epochs} or raise train.epochs");
            return null;
        }
        return monitor is null ? null : new PruningSpec(method, monitor, rungs, MinRuns: 1, KeepFraction: 1.0 / reduction, minEpochs, reduction);
    }

    /// <summary>Default: after every epoch but the last.</summary>
    static IReadOnlyList<int>? AtEpochs(SectionReader section, int epochs, DiagnosticBag bag)
    {
        var node = section["at_epochs"];
        if (node is null)
        {
            if (epochs >= 2) return Enumerable.Range(1, epochs - 1).ToList();
            bag.Add(section.Node, "pruning: stopping runs early needs train.epochs >= 2; raise epochs or remove pruning");
            return null;
        }
        var list = Values.IntList(node, "pruning.at_epochs", bag, ValueRange.AtLeast(1));
        if (list is null) return null;
        if (list.Zip(list.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            bag.Add(node, "pruning.at_epochs: epochs must be increasing; write e.g. `at_epochs: [1, 3]`");
            return null;
        }
        if (list[^1] >= epochs)
        {
            bag.Add(node, $"pruning.at_epochs: {list[^1]} is not before the last epoch ({epochs}); pruning there saves nothing, so use epochs below {epochs}");
            return null;
        }
        return list;
    }
}
