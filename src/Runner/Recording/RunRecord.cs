using Runner.Results;
using Runner.Training;

namespace Runner.Recording;

/// <summary>One row of runs.csv: a run's identity, axis values, final metrics and how it ended.</summary>
public sealed record RunRecord(
    string RunId,
    IReadOnlyList<KeyValuePair<string, string>> Axes,
    string Status,
    int Epochs,
    EpochMetrics? Last,
    Evaluation? Test,
    long Parameters,
    double Seconds,
    string Hash,
    string Directory,
    string Reason)
{
    public static readonly string[] ColumnsBeforeAxes = [RunsColumns.RunId];

    public static readonly string[] ColumnsAfterAxes =
    [
        RunsColumns.Status, RunsColumns.Epochs, "loss", "accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy",
        RunsColumns.Parameters, RunsColumns.Seconds, RunsColumns.Hash, RunsColumns.Directory, RunsColumns.Reason, RunsColumns.Version,
    ];

    public IEnumerable<KeyValuePair<string, string>> Cells()
    {
        yield return new(RunsColumns.RunId, RunId);
        foreach (var axis in Axes) yield return axis;
        yield return new(RunsColumns.Status, Status);
        yield return new(RunsColumns.Epochs, Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("loss", Csv.Number(Last?.Loss));
        yield return new("accuracy", Csv.Number(Last?.Accuracy));
        yield return new("val_loss", Csv.Number(Last?.ValLoss));
        yield return new("val_accuracy", Csv.Number(Last?.ValAccuracy));
        yield return new("test_loss", Csv.Number(Test?.Loss));
        yield return new("test_accuracy", Csv.Number(Test?.Accuracy));
        yield return new(RunsColumns.Parameters, Parameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new(RunsColumns.Seconds, Csv.Number(Math.Round(Seconds, 3)));
        yield return new(RunsColumns.Hash, Hash);
        yield return new(RunsColumns.Directory, Directory);
        yield return new(RunsColumns.Reason, Reason);
        yield return new(RunsColumns.Version, RunVersion.Current);
    }
}
