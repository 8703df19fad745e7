using Runner.Models;
using Runner.Models.Registries;

namespace Runner.Results;

/// <summary>
/// The names metrics are recorded under, and what a recorded name declares. A metric's name alone is
/// its training value (`f1_score`, the running value over the epoch, as Keras reports it); `val_` and
/// `test_` name its value on the validation and the test split. Direction and range come from the
/// metric's registration (<see cref="IMetricType"/>), never from the spelling of the name.
/// </summary>
public static class RecordedMetrics
{
    public const string ValidationPrefix = "val_";
    public const string TestPrefix = "test_";

    public static string Validation(string metric) => ValidationPrefix + metric;
    public static string Test(string metric) => TestPrefix + metric;

    /// <summary>`f1_score` for `val_f1_score` and `test_f1_score`; the name itself otherwise.</summary>
    public static string Bare(string name) =>
        name.StartsWith(ValidationPrefix, StringComparison.Ordinal) ? name[ValidationPrefix.Length..] :
        name.StartsWith(TestPrefix, StringComparison.Ordinal) ? name[TestPrefix.Length..] : name;

    /// <summary>The registered metric a recorded name is a value of, or null for any other column (seconds, epochs).</summary>
    public static IMetricType? Declared(string name, ComponentRegistries? registries = null) =>
        (registries ?? BuiltIns.Registries).Metrics.TryGet(Bare(name), out var metric) ? metric : null;

    public static bool IsMetric(string name) => Declared(name) is not null;

    /// <summary>
    /// Whether higher values of a recorded metric are better, as the metric declares. A name no metric
    /// declares can't come from a validated config; it is read as "higher is better", the case of every
    /// metric but the loss.
    /// </summary>
    public static bool HigherIsBetter(string name) => Declared(name)?.HigherIsBetter ?? true;

    /// <summary>
    /// Orders recorded names as metrics.csv and runs.csv hold them: training values, then validation, then
    /// test; within each, as first seen.
    /// </summary>
    public static IEnumerable<string> InRecordedOrder(IEnumerable<string> names) =>
        names.Distinct().OrderBy(n => n.StartsWith(ValidationPrefix, StringComparison.Ordinal) ? 1 : n.StartsWith(TestPrefix, StringComparison.Ordinal) ? 2 : 0);
}
