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
            .Select(r => (Index: CsvText.Number(r, "index"), Label: CsvText.Number(r, "label"), Predicted: CsvText.Number(r, "predicted")))
            .Where(r => r.Index is not null && r.Label is not null && r.Predicted is not null)
            .Select(r => new TestPrediction((int)r.Index!.Value, (int)r.Label!.Value, (int)r.Predicted!.Value))
            .ToArray();
    }
}
