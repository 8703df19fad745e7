using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Results;
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

    public static readonly ScalarKey Method = new(Param.Choice("method", "median", Methods,
        "median: stop a run worse than the median of the others at a listed epoch; successive_halving: keep only the best keep_fraction; asha: asynchronous successive halving at rungs min_epochs * reduction^k; hyperband: brackets of asha"));
    public static readonly MonitorKey Monitor = new("monitor", AllowTest: false, "the metric compared; default: the one the report compares");
    public static readonly IntListKey AtEpochs = new("at_epochs", ValueRange.AtLeast(1), null,
        "the epochs after which runs are compared, increasing and before the last; default: every epoch but the last");
    public static readonly ScalarKey MinRuns = new(Param.Int("min_runs", 3, "how many other runs must have reached an epoch before one is pruned there", ValueRange.AtLeast(1)));
    public static readonly ScalarKey KeepFraction = new(Param.Float("keep_fraction", 0.5, "successive_halving: the fraction of runs that goes on",
        new ValueRange(0, 1, MinInclusive: false, MaxInclusive: false)));

    public static readonly ScalarKey MinEpochs = new(Param.Int("min_epochs", 1, "asha, hyperband: the first rung; rungs at min_epochs * reduction^k", ValueRange.AtLeast(1)));
    public static readonly ScalarKey Reduction = new(Param.Int("reduction", 3, "asha, hyperband: a run goes on in the top 1/reduction of its rung", new ValueRange(2, 100)));

    public static readonly Section Section = new("pruning", "stop hopeless runs early, across the sweep; false: off",
        [Method, Monitor, AtEpochs, MinRuns, KeepFraction, MinEpochs, Reduction]) { KeysFor = spec => KeysOf(((PruningSpec)spec).Method) };

    /// <summary>The keys a method reads; the section's others belong to other methods.</summary>
    static IReadOnlyList<ConfigKey> KeysOf(string method) => PruningSpec.IsGeometric(method)
        ? [Method, Monitor, MinEpochs, Reduction]
        : [Method, Monitor, AtEpochs, MinRuns, KeepFraction];

    /// <summary>The monitor defaults to the metric the report compares (unless that is a test metric, known only at the end).
    /// <paramref name="epochs"/> is null when train: was refused (already reported): then nothing is checked against it.</summary>
    public static PruningSpec? Bind(ConfigNode? node, ConfigNode root, int? epochs, MonitorNames monitors, ReportSpec? report, DiagnosticBag bag)
    {
        if (node is null || node is ScalarNode { Kind: ScalarKind.Bool } off && !ScalarKinds.BoolValue(off.Text)) return null;
        var section = new SectionReader(node, root, Section, bag);
        if (!section.Present) return null;

        string method = section.Text(Method);
        var monitor = section[Monitor] is { } monitorNode
            ? monitors.Check(monitorNode, "pruning.monitor", Monitor.AllowTest, bag)
            : report is not null && !report.Metric.StartsWith(RecordedMetrics.TestPrefix, StringComparison.Ordinal) ? report.Metric : monitors.DefaultReportMetric;
        if (!Methods.Contains(method))
        {
            // Which of the other keys belong is unknown until the method is: only the method is reported.
            bag.Add(section.At(Method.Name), $"pruning.method: unknown method '{method}'. {NameSuggestion.KnownAndSuggestion(method, Methods)}");
            section.ReportUnknownKeys(Section.Names.ToList());
            return null;
        }
        // Each method reads only its own keys; the other methods' are refused with what to use instead.
        bool geometric = PruningSpec.IsGeometric(method);
        var foreignKeys = Section.Keys.Except(KeysOf(method)).ToArray();
        var foreignNames = foreignKeys.Select(k => k.Name).ToList();
        foreach (var key in foreignKeys)
            if (section.Entry(key.Name) is { } foreign)
                bag.Add(foreign.Key, $"pruning.{key.Name}: not a setting of method {method}; " + (geometric
                    ? "asha and hyperband place their rungs from min_epochs and reduction"
                    : "min_epochs and reduction belong to asha and hyperband; median and successive_halving use at_epochs"));
        if (geometric) return Geometric(section, method, monitor, epochs, foreignNames, bag);
        var atEpochs = BindAtEpochs(section, epochs, bag);
        int minRuns = section.Int(MinRuns);
        double keepFraction = section.Float(KeepFraction);
        section.ReportUnknownKeys(foreignNames);
        return monitor is null || atEpochs is null ? null : new PruningSpec(method, monitor, atEpochs, minRuns, keepFraction);
    }

    /// <summary>asha and hyperband: rungs at min_epochs * reduction^k; at least the first must come before the last epoch.</summary>
    static PruningSpec? Geometric(SectionReader section, string method, string? monitor, int? epochs, IReadOnlyCollection<string> foreignNames, DiagnosticBag bag)
    {
        int minEpochs = section.Int(MinEpochs);
        int reduction = section.Int(Reduction);
        section.ReportUnknownKeys(foreignNames);
        if (epochs is null) return null;
        var rungs = Rungs.Before(epochs.Value, minEpochs, reduction);
        if (rungs.Count == 0)
        {
            bag.Add(section.At(MinEpochs.Name), $"pruning.min_epochs: {method} judges runs at epochs {minEpochs}, {minEpochs * reduction}, ... before the last epoch ({epochs}), and there is none; lower min_epochs below {epochs} or raise train.epochs");
            return null;
        }
        return monitor is null ? null : new PruningSpec(method, monitor, rungs, MinRuns: 1, KeepFraction: 1.0 / reduction, minEpochs, reduction);
    }

    /// <summary>Default: after every epoch but the last.</summary>
    static IReadOnlyList<int>? BindAtEpochs(SectionReader section, int? epochs, DiagnosticBag bag)
    {
        var node = section[AtEpochs];
        if (node is null)
        {
            if (epochs is null) return null;
            if (epochs >= 2) return Enumerable.Range(1, epochs.Value - 1).ToList();
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
        if (epochs is null) return null;
        if (list[^1] >= epochs)
        {
            bag.Add(node, $"pruning.at_epochs: {list[^1]} is not before the last epoch ({epochs}); pruning there saves nothing, so use epochs below {epochs}");
            return null;
        }
        return list;
    }
}
