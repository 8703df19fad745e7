using Runner.Text;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Runner.Config;
using Runner.Files;

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
        if (FileProblem(path) is { } problem) throw new DataFileException($"{path}: {problem}");
        using var parser = Open(path, hasHeader);
        var header = Header(path, parser, hasHeader);
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
                    // Messages name the line and column, never the cell: the file may not be what it seems (/etc/shadow).
                    if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
                        throw new DataFileException($"{path}:{line}: the label (column {c + 1}) is not a whole number >= 0");
                    if (label >= Limits.MaxClasses)
                        throw new DataFileException($"{path}:{line}: the label (column {c + 1}) is above {Limits.MaxClasses - 1}, the limit of {Numbers.Count(Limits.MaxClasses)} classes");
                    labels.Add(label);
                }
                else
                {
                    if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                        throw new DataFileException($"{path}:{line}: column {c + 1} is not a number");
                    pixels.Add(value);
                }
            }
        }
        if (labels.Count == 0) throw new DataFileException($"{path}: no data rows");
        if (expectedColumns is int expected && columns != expected)
            throw new DataFileException($"{path}: {columns} columns, but the training file has {expected}");
        return new CsvSamples(pixels.ToArray(), labels.ToArray(), columns!.Value - 1);
    }

    /// <summary>
    /// The columns of the first row and the number of data rows, read without parsing the whole file:
    /// what validation checks before anything is loaded. Throws <see cref="DataFileException"/>.
    /// </summary>
    public static (int Columns, int LabelIndex, long Rows) Peek(string path, string labelColumn, bool hasHeader)
    {
        if (FileProblem(path) is { } problem) throw new DataFileException($"{path}: {problem}");
        int columns;
        int labelIndex;
        using (var parser = Open(path, hasHeader))
        {
            var header = Header(path, parser, hasHeader);
            labelIndex = LabelIndex(path, labelColumn, header);
            if (header is not null) columns = header.Length;
            else if (parser.Read()) columns = parser.Count;
            else throw new DataFileException($"{path}: no data rows");
        }
        if (labelIndex >= columns)
            throw new DataFileException($"{path}: label_column {labelIndex} is not a column; the rows have {columns} columns (0 to {columns - 1})");
        long rows = NonBlankLines(path) - (hasHeader ? 1 : 0);
        if (rows < 1) throw new DataFileException($"{path}: no data rows");
        return (columns, labelIndex, rows);
    }

    /// <summary>Why the file can't be data (missing, a folder, a FIFO or device, empty, over the size limit), or null.</summary>
    public static string? FileProblem(string path) => FileKind.OfTarget(path) switch
    {
        FileType.Missing => "no such file; check the path (a relative path starts at the experiment file's folder)",
        FileType.Directory => "this is a folder, not a CSV file; give a CSV file inside it",
        FileType.Other => "this is not a regular file (a FIFO, device or socket); give a CSV file",
        _ => new FileInfo(path).Length switch
        {
            0 => "the file is empty; give a CSV file with a label column and pixel columns",
            > Limits.MaxDataFileBytes => $"the file is larger than the limit of {Limits.MaxDataFileBytes / 1024 / 1024} MB for a CSV dataset; use a smaller file",
            _ => null,
        },
    };

    static CsvParser Open(string path, bool hasHeader) =>
        new(new StreamReader(path), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = hasHeader, IgnoreBlankLines = true });

    static string[]? Header(string path, CsvParser parser, bool hasHeader)
    {
        if (!hasHeader) return null;
        if (!parser.Read()) throw new DataFileException($"{path}: the file is empty (a header row was expected)");
        return parser.Record ?? [];
    }

    static long NonBlankLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var buffer = new byte[1 << 16];
        long lines = 0;
        bool content = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                if (b == (byte)'\n') { if (content) lines++; content = false; }
                else if (b is not ((byte)' ' or (byte)'\r' or (byte)'\t')) content = true;
            }
        return lines + (content ? 1 : 0);
    }

    static int LabelIndex(string path, string labelColumn, string[]? header)
    {
        if (header is not null)
        {
            int named = Array.FindIndex(header, h => string.Equals(h.Trim(), labelColumn, StringComparison.OrdinalIgnoreCase));
            if (named >= 0) return named;
        }
        if (int.TryParse(labelColumn, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        if (labelColumn.StartsWith('-') && int.TryParse(labelColumn, out _))
            throw new DataFileException($"{path}: label_column {labelColumn} is not a column; give a header name or a 0-based column number");
        // The header's names are not repeated here: the file may not be the CSV it was meant to be.
        throw new DataFileException(header is null
            ? $"{path}: label_column '{labelColumn}' is a name, but the file has no header (has_header: false); give a 0-based column number such as 0"
            : $"{path}:1: no column named '{labelColumn}' among the header's {header.Length} columns; set label_column to a column's name or 0-based number");
    }
}
