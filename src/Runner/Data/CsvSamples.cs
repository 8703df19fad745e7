using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Runner.Data;

/// <summary>
/// The rows of a CSV file in the common Kaggle MNIST layout: one label column (a whole number from 0)
/// and one column per pixel, every other column in file order. Values are kept as they are written;
/// scaling is the dataset's job.
/// </summary>
internal sealed record CsvSamples(float[] Pixels, long[] Labels, int PixelColumns)
{
    public int Count => Labels.Length;

    /// <param name="labelColumn">A header name, or a 0-based column number.</param>
    /// <param name="expectedColumns">When set, every row must have this many columns (a test file matching its train file).</param>
    public static CsvSamples Read(string path, string labelColumn, bool hasHeader, int? expectedColumns = null)
    {
        if (!File.Exists(path)) throw new DataFileException($"{path}: file not found");
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = hasHeader, IgnoreBlankLines = true };
        using var reader = new StreamReader(path);
        using var parser = new CsvParser(reader, config);

        string[]? header = null;
        if (hasHeader)
        {
            if (!parser.Read()) throw new DataFileException($"{path}: the file is empty (a header row was expected)");
            header = parser.Record ?? [];
        }
        int labelIndex = LabelIndex(path, labelColumn, header);
        int? columns = header?.Length ?? expectedColumns;
        string columnsOrigin = header is not null ? "as in the header" : expectedColumns is not null ? "as in the training file" : "as on the first row";

        var pixels = new List<float>();
        var labels = new List<long>();
        while (parser.Read())
        {
            int line = parser.RawRow;
            int count = parser.Count;
            columns ??= count;
            if (count != columns)
                throw new DataFileException($"{path}:{line}: {count} columns, expected {columns} ({columnsOrigin})");
            if (labelIndex >= count)
                throw new DataFileException($"{path}:{line}: no column {labelIndex} for the label; the row has {count} columns");
            for (int c = 0; c < count; c++)
            {
                var cell = parser[c];
                if (c == labelIndex)
                {
                    if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
                        throw new DataFileException($"{path}:{line}: label '{cell}' in {ColumnName(c, header)} is not a whole number >= 0");
                    labels.Add(label);
                }
                else
                {
                    if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                        throw new DataFileException($"{path}:{line}: value '{cell}' in {ColumnName(c, header)} is not a number");
                    pixels.Add(value);
                }
            }
        }
        if (labels.Count == 0) throw new DataFileException($"{path}: no data rows");
        if (expectedColumns is int expected && columns != expected)
            throw new DataFileException($"{path}: {columns} columns, but the training file has {expected}");
        return new CsvSamples(pixels.ToArray(), labels.ToArray(), columns!.Value - 1);
    }

    static int LabelIndex(string path, string labelColumn, string[]? header)
    {
        if (header is not null)
        {
            int named = Array.FindIndex(header, h => string.Equals(h.Trim(), labelColumn, StringComparison.OrdinalIgnoreCase));
            if (named >= 0) return named;
        }
        if (int.TryParse(labelColumn, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        throw new DataFileException(header is null
            ? $"{path}: label_column '{labelColumn}' is a name, but the file has no header (has_header: false); give a 0-based column number such as 0"
            : $"{path}:1: no column '{labelColumn}' in the header (columns: {string.Join(", ", header.Take(5))}{(header.Length > 5 ? ", ..." : "")}); set label_column");
    }

    static string ColumnName(int index, string[]? header) =>
        header is not null ? $"column '{header[index]}'" : $"column {index}";
}
