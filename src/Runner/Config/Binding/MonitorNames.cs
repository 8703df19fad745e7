using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;

namespace Runner.Config.Binding;

/// <summary>
/// Names of the metrics a run records, as monitored by early stopping and pruning or compared by the
/// report: `loss` and each train metric, `val_`-prefixed when there is a validation split, and (for
/// the report only) `test_`-prefixed.
/// </summary>
public sealed record MonitorNames(IReadOnlyList<string> Metrics, bool HasValidation)
{
    public IEnumerable<string> Epochwise =>
        Base.Concat(HasValidation ? Base.Select(m => "val_" + m) : Enumerable.Empty<string>());

    IEnumerable<string> Base => new[] { "loss" }.Concat(Metrics.Where(m => m != "loss"));

    /// <summary>The report compares accuracy where there is one, on validation data where there is some.</summary>
    public string DefaultReportMetric
    {
        get
        {
            var metric = Metrics.Contains("accuracy") ? "accuracy" : "loss";
            return HasValidation ? "val_" + metric : metric;
        }
    }

    public string DefaultMonitor => HasValidation ? "val_loss" : "loss";

    /// <summary>What may be monitored: every epoch's metrics, and where <paramref name="allowTest"/> the final test metrics.</summary>
    public IEnumerable<string> Known(bool allowTest) =>
        Epochwise.Concat(allowTest ? Base.Select(m => "test_" + m) : Enumerable.Empty<string>());

    /// <summary>The name if it is one the run records, else null after saying what would be.</summary>
    public string? Check(ConfigNode node, string path, bool allowTest, DiagnosticBag bag)
    {
        if (Values.Text(node, path, bag) is not { } name) return null;
        var known = Known(allowTest).ToList();
        if (known.Contains(name)) return name;
        var bare = StripPrefix(name);
        bag.Add(node, !Base.Contains(bare)
            ? $"{path}: unknown metric '{name}'. {Unknown(name, known)}"
            : name.StartsWith("val_", StringComparison.Ordinal)
                ? $"{path}: '{name}' needs a validation set, and data.validation_split is 0; set e.g. `validation_split: 0.2` in data, or use '{bare}'"
                : $"{path}: '{name}' exists only once training has ended; use '{(HasValidation ? "val_" : "") + bare}'");
        return null;
    }

    /// <summary>The suggestion may be a val_ name this run does not record yet; then say what it takes.</summary>
    string Unknown(string name, IReadOnlyList<string> known)
    {
        var everything = Base.SelectMany(m => new[] { m, "val_" + m, "test_" + m }).ToList();
        // Keras users abbreviate (val_acc): a unique name it begins is as good a guess as a near one.
        var near = NameSuggestion.Closest(name, everything);
        var text = $"Known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.";
        if (near is null) return text;
        return text + $" Did you mean '{near}'?" + (known.Contains(near) ? "" : " (it needs data.validation_split > 0)");
    }

    static string StripPrefix(string name) =>
        name.StartsWith("val_", StringComparison.Ordinal) ? name[4..] :
        name.StartsWith("test_", StringComparison.Ordinal) ? name[5..] : name;
}
