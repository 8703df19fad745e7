using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Results;

namespace Runner.Config.Binding;

/// <summary>
/// `report: {objectives: {val_accuracy: max, parameters: min}}`: two to four objectives, each a metric the
/// runs record (val_, test_ or training) or a run fact (<see cref="ReportObjective.RunFacts"/>), each `max` or
/// `min`. A metric keeps the direction it declares: `val_loss: max` is refused, not silently turned round.
/// </summary>
static class ReportObjectivesBinder
{
    const string Path = "report.objectives";

    public static IReadOnlyList<ReportObjective>? Bind(ConfigNode node, MonitorNames monitors, DiagnosticBag bag)
    {
        if (node is not MappingNode mapping)
        {
            bag.Add(node, $"{Path}: expected a mapping of objectives to max or min, got {node.Describe()}; write e.g. `{{val_accuracy: max, parameters: min}}`");
            return null;
        }
        int errorsBefore = bag.Reports;
        if (mapping.Entries.Count is < 2 or > ReportObjective.MaxCount)
            bag.Add(node, $"{Path}: a Pareto front needs 2 to {ReportObjective.MaxCount} objectives, got {mapping.Entries.Count}; " +
                "write e.g. `{val_accuracy: max, parameters: min}` (one metric alone is report.metric)");
        var known = monitors.Known(allowTest: true).Concat(ReportObjective.RunFacts).ToList();
        var objectives = new List<ReportObjective>();
        foreach (var entry in mapping.Entries)
        {
            var where = $"{Path}.{entry.Name}";
            if (!known.Contains(entry.Name))
            {
                bag.Add(entry.Key, $"{where}: unknown objective '{entry.Name}'. {NameSuggestion.KnownAndSuggestion(entry.Name, known)}");
                continue;
            }
            if (Values.Text(entry.Value, where, bag) is not { } direction) continue;
            if (direction is not (ReportObjective.Max or ReportObjective.Min))
            {
                bag.Add(entry.Value, $"{where}: expected max or min, got '{direction}'");
                continue;
            }
            bool maximize = direction == ReportObjective.Max;
            if (RecordedMetrics.IsMetric(entry.Name) && RecordedMetrics.HigherIsBetter(entry.Name) != maximize)
            {
                var declared = RecordedMetrics.HigherIsBetter(entry.Name) ? ReportObjective.Max : ReportObjective.Min;
                bag.Add(entry.Value, $"{where}: for {entry.Name} {(declared == ReportObjective.Max ? "higher" : "lower")} is better, as the metric declares; write `{entry.Name}: {declared}`");
                continue;
            }
            objectives.Add(new ReportObjective(entry.Name, maximize));
        }
        return bag.Reports == errorsBefore ? objectives : null;
    }
}
