using Runner.Results;
namespace Runner.Reporting.Results;

/// <summary>One row of a run's test_predictions.csv: the official test sample, its label and the prediction.</summary>
public sealed record TestPrediction(int Index, int Label, int Predicted)
{
    public bool IsCorrect => Label == Predicted;

    /// <summary>The run's predictions, or an empty list when the file is missing.</summary>
    internal static IReadOnlyList<TestPrediction> Read(RunResult run)
    {
        var path = Path.Combine(run.Folder, ResultsLayout.PredictionsFile);
        if (!File.Exists(path)) return [];
        return CsvText.Read(path).Rows
            .Select(r => (Index: CsvText.Number(r, PredictionColumns.Index), Label: CsvText.Number(r, PredictionColumns.Label), Predicted: CsvText.Number(r, PredictionColumns.Predicted)))
            // A damaged row (a label of 1e12) must not size the confusion matrix: labels stay within the class limit.
            .Where(r => InRange(r.Index, int.MaxValue) && InRange(r.Label, Files.Limits.MaxClasses) && InRange(r.Predicted, Files.Limits.MaxClasses))
            .Select(r => new TestPrediction((int)r.Index!.Value, (int)r.Label!.Value, (int)r.Predicted!.Value))
            .ToArray();
    }

    static bool InRange(double? value, int limit) => value is double v && v >= 0 && v < limit && v == Math.Floor(v);
}
