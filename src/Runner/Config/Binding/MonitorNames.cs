using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Metrics;
using Runner.Models.Registries;
using Runner.Results;

namespace Runner.Config.Binding;

/// <summary>
/// Names of the metrics a run records, as monitored by early stopping and pruning or compared by the
/// report: loss, accuracy and each requested metric (<see cref="MetricSet.RecordedNames"/>),
/// `val_`-prefixed when there is a validation split, and (for the report only) `test_`-prefixed.
/// </summary>
public sealed record MonitorNames(IReadOnlyList<string> Metrics, bool HasValidation)
{
    public IEnumerable<string> Epochwise =>
        Base.Concat(HasValidation ? Base.Select(RecordedMetrics.Validation) : Enumerable.Empty<string>());

    IEnumerable<string> Base => MetricSet.RecordedNames(Metrics);

    /// <summary>The report compares accuracy where there is one, on validation data where there is some.</summary>
    public string DefaultReportMetric
    {
        get
        {
            var metric = Metrics.Contains("accuracy") ? "accuracy" : "loss";
            return HasValidation ? RecordedMetrics.Validation(metric) : metric;
        }
    }

    public string DefaultMonitor => HasValidation ? "val_loss" : "loss";

    /// <summary>What may be monitored: every epoch's metrics, and where <paramref name="allowTest"/> the final test metrics.</summary>
    public IEnumerable<string> Known(bool allowTest) =>
        Epochwise.Concat(allowTest ? Base.Select(RecordedMetrics.Test) : Enumerable.Empty<string>());

    /// <summary>The name if it is one the run records, else null after saying what would be.</summary>
    public string? Check(ConfigNode node, string path, bool allowTest, DiagnosticBag bag)
    {
        if (Values.Text(node, path, bag) is not { } name) return null;
        var known = Known(allowTest).ToList();
        if (known.Contains(name)) return name;
        var bare = RecordedMetrics.Bare(name);
        bag.Add(node, !Base.Contains(bare)
            ? $"{path}: unknown metric '{name}'. {Unknown(name, known)}{ValidationNote(name, bare)}"
            : name.StartsWith(RecordedMetrics.ValidationPrefix, StringComparison.Ordinal)
                ? $"{path}: '{name}' needs a validation set, and data.validation_split is 0; set e.g. `validation_split: 0.2` in data, or use '{bare}'"
                : $"{path}: '{name}' exists only once training has ended; use '{(HasValidation ? RecordedMetrics.Validation(bare) : bare)}'");
        return null;
    }

    /// <summary>A val_ name without a validation split is unknown for two reasons; say both, not just "unknown".</summary>
    string ValidationNote(string name, string bare) =>
        HasValidation || !name.StartsWith(RecordedMetrics.ValidationPrefix, StringComparison.Ordinal) || bare.Length == 0 ? ""
            : $" '{RecordedMetrics.ValidationPrefix}' metrics need a validation set: set data.validation_split (e.g. 0.2); and '{bare}' is not in train.metrics.";

    /// <summary>The suggestion may be a val_ name this run does not record yet; then say what it takes.</summary>
    string Unknown(string name, IReadOnlyList<string> known)
    {
        var everything = Base.SelectMany(m => new[] { m, RecordedMetrics.Validation(m), RecordedMetrics.Test(m) }).ToList();
        // Keras users abbreviate (val_acc): a unique name it begins is as good a guess as a near one.
        var near = NameSuggestion.Closest(name, everything);
        var text = $"Known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        if (near is null) return text;
        return text + $" Did you mean '{near}'?" + (known.Contains(near) ? "" : " (it needs data.validation_split > 0)");
    }
}
