using Runner.Text;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Runner.Results;

/// <summary>The one CSV dialect Runner writes and reads: invariant culture, comma, header row.</summary>
public static class Csv
{
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        // A row cut short by a crash must not fail the whole read; readers drop such rows themselves.
        MissingFieldFound = null,
        BadDataFound = null,
    };

    /// <summary>A number cell: exact, empty when there is none.</summary>
    public static string Number(double? value) => Numbers.Exact(value);

    public static double? ParseNumber(string? text) =>
        string.IsNullOrEmpty(text) ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// The lines of a file that end in a newline. An append cut short by a crash leaves a last line
    /// without one; it is not a row.
    /// </summary>
    public static string CompleteLines(string path)
    {
        var text = File.ReadAllText(path);
        int end = text.LastIndexOf('\n');
        return end < 0 ? "" : text[..(end + 1)];
    }
}
