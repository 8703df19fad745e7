using Runner.Results;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Runner.Recording;

namespace Runner.Reporting.Results;

/// <summary>
/// A CSV file as a header and rows of text, read leniently: a run that crashed mid-write can leave a
/// short or garbled last line, and the report must still show everything before it.
/// </summary>
internal sealed record CsvText(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, int SkippedRows)
{
    static readonly CsvConfiguration Lenient = new(CultureInfo.InvariantCulture)
    {
        BadDataFound = null,
        MissingFieldFound = null,
    };

    public static CsvText Read(string path)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, Lenient);
        if (!parser.Read()) return new CsvText([], [], 0);
        var header = parser.Record!.Select(h => FormulaSafeCsv.Restore(h.Trim())).ToArray();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        var skipped = 0;
        while (parser.Read())
        {
            var record = parser.Record!;
            if (record.Length == 1 && record[0].Length == 0) continue;   // blank line
            if (record.Length != header.Length) { skipped++; continue; }
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) row[header[i]] = FormulaSafeCsv.Restore(record[i]);
            rows.Add(row);
        }
        return new CsvText(header, rows, skipped);
    }

    /// <summary>An invariant-culture number, or null for an empty or unreadable cell. "NaN" stays NaN.</summary>
    public static double? Number(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
