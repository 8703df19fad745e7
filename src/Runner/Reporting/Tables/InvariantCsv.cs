using Runner.Results;
using CsvHelper;

namespace Runner.Reporting.Tables;

/// <summary>Opens a report CSV in the invariant culture with its header already written.</summary>
internal static class InvariantCsv
{
    public static CsvWriter Create(string path, IEnumerable<string> header)
    {
        var csv = FormulaSafeCsv.Writer(new StreamWriter(path), Csv.Configuration);
        foreach (var column in header) csv.WriteField(column);
        csv.NextRecord();
        return csv;
    }
}
