namespace Runner.TensorBoard;

/// <summary>
/// What every run of a sweep tells TensorBoard's HParams tab about the sweep: the hyperparameters
/// (the sweep axes but the seed, with all their values) and the metrics to compare them by.
/// The seed is not a hyperparameter: runs that differ only in seed form one session group, which
/// the HParams tab aggregates (mean, min, max, median).
/// </summary>
public sealed record TensorBoardExperiment(string Name, IReadOnlyList<HParamAxis> HParams, IReadOnlyList<MetricTag> Metrics)
{

    /// <summary>The final metrics runs.csv records, compared in the HParams tab.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = ["loss", "accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy"];

    /// <param name="sweepAxes">Every sweep axis in order with every value it takes (as written in the config).</param>
    /// <param name="metrics">metrics.csv / runs.csv column names; default <see cref="DefaultMetrics"/>.</param>
    public static TensorBoardExperiment For(string name, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> sweepAxes,
        IReadOnlyList<string>? metrics = null) =>
        new(name,
            sweepAxes.Where(a => a.Key != Results.SeedAxis.Name).Select(a => HParamAxis.Of(a.Key, a.Value)).ToArray(),
            (metrics ?? DefaultMetrics).Select(MetricTag.For).ToArray());

    /// <summary>The session group of a run: its axis values without the seed (empty when there are none).</summary>
    public static string GroupOf(IReadOnlyList<KeyValuePair<string, string>> axisValues) =>
        string.Join(",", axisValues.Where(a => a.Key != Results.SeedAxis.Name).Select(a => $"{a.Key}={a.Value}"));
}
