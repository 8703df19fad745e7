using Runner.Results;
using System.Globalization;

namespace Runner.Reporting.Results;

/// <summary>
/// One combination of the non-seed axis values and the runs (seeds) that share it. Statistics go
/// across these runs. <see cref="Index"/> is its position in sweep order, which fixes its colour in
/// every chart.
/// </summary>
public sealed class Configuration(int index, IReadOnlyList<KeyValuePair<string, string>> axisValues, IReadOnlyList<RunResult> runs, string fallbackLabel)
{
    public int Index { get; } = index;
    public IReadOnlyList<KeyValuePair<string, string>> AxisValues { get; } = axisValues;
    public IReadOnlyList<RunResult> Runs { get; } = runs;

    /// <summary>Runs that finished normally: the ones statistics are computed from.</summary>
    public IReadOnlyList<RunResult> DoneRuns => Runs.Where(r => r.IsDone).ToArray();

    /// <summary>A final metric of every finished run (NaN where a run has no value), the sample statistics use.</summary>
    public double[] FinishedValues(string metric) => DoneRuns.Select(r => r.Value(metric) ?? double.NaN).ToArray();

    /// <summary>Stable, unambiguous name: <c>optimizer=adam,activation=relu</c>; a parameter of a branch not taken (empty) is left out, as in run ids.</summary>
    public string Key => AxisValues.Count == 0 ? fallbackLabel : string.Join(",", Taken.Select(a => $"{a.Key}={a.Value}"));

    IEnumerable<KeyValuePair<string, string>> Taken => AxisValues.Where(a => a.Value != "");

    /// <summary>
    /// Short name for legends: bare values where they speak for themselves (<c>adam · relu</c>),
    /// <c>name=value</c> for numbers (<c>batch_size=32</c>), since a bare 32 says nothing.
    /// </summary>
    public string Label => AxisValues.Count == 0
        ? fallbackLabel
        : string.Join(" · ", Taken.Select(a => IsNumber(a.Value) ? $"{ShortName(a.Key)}={a.Value}" : a.Value));

    /// <summary>Status counts in a fixed order, e.g. <c>done: 3, pruned: 1</c>.</summary>
    public string StatusSummary => string.Join(", ", Runs.GroupBy(r => r.Status).OrderBy(g => StatusOrder(g.Key))
        .Select(g => $"{g.Key}: {g.Count()}"));

    public string AxisValue(string axis) => AxisValues.FirstOrDefault(a => a.Key == axis).Value ?? "";

    /// <summary>The last segment of a dotted axis path: <c>train.batch_size</c> -> <c>batch_size</c>.</summary>
    public static string ShortName(string axis) => axis[(axis.LastIndexOf('.') + 1)..];

    static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static int StatusOrder(string status) => RunStatus.All.ToList().IndexOf(status) switch
    {
        -1 => int.MaxValue,
        var i => i,
    };

    public override string ToString() => Key;
}
