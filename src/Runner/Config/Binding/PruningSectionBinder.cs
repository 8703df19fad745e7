using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// `pruning: {method: median | successive_halving, monitor: val_accuracy, at_epochs: [1, 2],
/// min_runs: 3, keep_fraction: 0.5}`; absent, null or false turns it off. Runs are compared at the
/// end of the listed epochs, so those must come before the last epoch.
/// </summary>
static class PruningSectionBinder
{
    public static readonly IReadOnlyList<string> Methods = new[] { "median", "successive_halving" };

    public static readonly ScalarKey Method = new(Param.Choice("method", "median", Methods,
        "median: stop a run worse than the median of the others at a listed epoch; successive_halving: keep only the best keep_fraction"));
    public static readonly MonitorKey Monitor = new("monitor", AllowTest: false, "the metric compared; default: the one the report compares");
    public static readonly IntListKey AtEpochs = new("at_epochs", ValueRange.AtLeast(1), null,
        "the epochs after which runs are compared, increasing and before the last; default: every epoch but the last");
    public static readonly ScalarKey MinRuns = new(Param.Int("min_runs", 3, "how many other runs must have reached an epoch before one is pruned there", ValueRange.AtLeast(1)));
    public static readonly ScalarKey KeepFraction = new(Param.Float("keep_fraction", 0.5, "successive_halving: the fraction of runs that goes on",
        new ValueRange(0, 1, MinInclusive: false, MaxInclusive: false)));

    public static readonly Section Section = new("pruning", "stop hopeless runs early, across the sweep; false: off",
        [Method, Monitor, AtEpochs, MinRuns, KeepFraction]);

    /// <summary>The monitor defaults to the metric the report compares (unless that is a test metric, known only at the end).</summary>
    public static PruningSpec? Bind(ConfigNode? node, ConfigNode root, int epochs, MonitorNames monitors, ReportSpec? report, DiagnosticBag bag)
    {
        if (node is null || node is ScalarNode { Kind: ScalarKind.Bool } off && !ScalarKinds.BoolValue(off.Text)) return null;
        var section = new SectionReader(node, root, Section, bag);
        if (!section.Present) return null;

        string method = section.Text(Method);
        if (!Methods.Contains(method))
            bag.Add(section.At(Method.Name), $"pruning.method: unknown method '{method}'. {NameSuggestion.KnownAndSuggestion(method, Methods)}");
        var monitor = section[Monitor] is { } monitorNode
            ? monitors.Check(monitorNode, "pruning.monitor", Monitor.AllowTest, bag)
            : report is not null && !report.Metric.StartsWith("test_", StringComparison.Ordinal) ? report.Metric : monitors.DefaultReportMetric;
        var atEpochs = BindAtEpochs(section, epochs, bag);
        int minRuns = section.Int(MinRuns);
        double keepFraction = section.Float(KeepFraction);
        section.ReportUnknownKeys();
        return monitor is null || atEpochs is null ? null : new PruningSpec(method, monitor, atEpochs, minRuns, keepFraction);
    }

    /// <summary>Default: after every epoch but the last.</summary>
    static IReadOnlyList<int>? BindAtEpochs(SectionReader section, int epochs, DiagnosticBag bag)
    {
        var node = section[AtEpochs];
        if (node is null)
        {
            if (epochs >= 2) return Enumerable.Range(1, epochs - 1).ToList();
            bag.Add(section.Node, "pruning: stopping runs early needs train.epochs >= 2; raise epochs or remove pruning");
            return null;
        }
        var list = Values.IntList(node, "pruning.at_epochs", bag, AtEpochs.Range);
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
