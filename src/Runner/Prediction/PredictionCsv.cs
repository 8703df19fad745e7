using Runner.Results;
using System.Globalization;
using Runner.Files;
using Runner.Recording;

namespace Runner.Prediction;

/// <summary>
/// `runner predict --output FILE`: one row per input, written atomically. Columns: input, label (the
/// true class where the input had one), inverted, then predicted, name, probability for the best class
/// and predicted_k, name_k, probability_k for the k-th best up to --top.
/// </summary>
public static class PredictionCsv
{
    public static void Write(string path, IReadOnlyList<InputPrediction> predictions, int top)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
            foreach (var column in new[] { "input", "label", "inverted" }.Concat(Enumerable.Range(1, top).SelectMany(Columns)))
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var p in predictions)
            {
                csv.WriteField(p.Input);
                csv.WriteField(p.Label?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(p.Inverted ? "true" : "false");
                for (int k = 0; k < top; k++)
                {
                    var score = k < p.Top.Count ? p.Top[k] : null;
                    csv.WriteField(score?.Class.ToString(CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(score?.Name ?? "");
                    csv.WriteField(score is null ? "" : Csv.Number(score.Probability));
                }
                csv.NextRecord();
            }
        });
    }

    static IEnumerable<string> Columns(int k) => k == 1
        ? ["predicted", "name", "probability"]
        : [$"predicted_{k}", $"name_{k}", $"probability_{k}"];
}
