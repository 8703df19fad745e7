using Runner.Text;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
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
    /// <param name="maxValues">The most pixel values the file may hold (predict's budget for all its inputs).</param>
    public static CsvSamples Read(string path, string labelColumn, bool hasHeader, int? expectedColumns = null, long maxValues = long.MaxValue)
    {
        try { return ReadRows(path, labelColumn, hasHeader, expectedColumns, maxValues); }
        catch (RecordTooLongException e) { throw new DataFileException($"{path}:{e.Line}: {e.Message}"); }
    }

    static CsvSamples ReadRows(string path, string labelColumn, bool hasHeader, int? expectedColumns, long maxValues)
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
            columns ??= parser.Count;
            CheckRow(parser, path, columns.Value, columnsOrigin, labelIndex);
            if (pixels.Count + columns.Value - 1 > maxValues)
                throw new DataFileException($"{path}:{parser.RawRow}: more than {Numbers.Count(maxValues)} values up to this row, " +
                                            "the limit for the inputs of one predict call; give fewer rows (or fewer files) at a time");
            for (int c = 0; c < columns; c++)
            {
                if (c == labelIndex)
                {
                    labels.Add(Label(parser, path, c));
                    continue;
                }
                if (!float.TryParse(parser[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                    throw new DataFileException($"{At(parser, path, c)}: column {c + 1} is not a number");
                pixels.Add(value);
            }
        }
        if (labels.Count == 0) throw new DataFileException($"{path}: no data rows");
        if (expectedColumns is int expected && columns != expected)
            throw new DataFileException($"{path}: {columns} columns, but the training file has {expected}");
        return new CsvSamples(pixels.ToArray(), labels.ToArray(), columns!.Value - 1);
    }

    /// <summary>
    /// The columns and the number of data rows, every row's column count and label checked, without
    /// converting a pixel: what validation checks before anything is loaded. Throws <see cref="DataFileException"/>.
    /// </summary>
    public static (int Columns, int LabelIndex, long Rows) Peek(string path, string labelColumn, bool hasHeader)
    {
        try { return PeekRows(path, labelColumn, hasHeader); }
        catch (RecordTooLongException e) { throw new DataFileException($"{path}:{e.Line}: {e.Message}"); }
    }

    static (int Columns, int LabelIndex, long Rows) PeekRows(string path, string labelColumn, bool hasHeader)
    {
        if (FileProblem(path) is { } problem) throw new DataFileException($"{path}: {problem}");
        using var parser = Open(path, hasHeader);
        var header = Header(path, parser, hasHeader);
        int labelIndex = LabelIndex(path, labelColumn, header);
        int? columns = header?.Length;
        string columnsOrigin = header is not null ? "as in the header" : "as on the first row";
        long rows = 0;
        while (parser.Read())
        {
            columns ??= parser.Count;
            if (labelIndex >= columns) break;   // reported below, as label_column's mistake
            CheckRow(parser, path, columns.Value, columnsOrigin, labelIndex);
            Label(parser, path, labelIndex);
            rows++;
        }
        if (columns is null) throw new DataFileException($"{path}: no data rows");
        if (labelIndex >= columns)
            throw new DataFileException($"{path}: label_column {labelIndex} is not a column; the rows have {columns} columns (0 to {columns - 1})");
        if (rows < 1) throw new DataFileException($"{path}: no data rows");
        return (columns.Value, labelIndex, rows);
    }

    static void CheckRow(CsvParser parser, string path, int columns, string columnsOrigin, int labelIndex)
    {
        if (parser.Count != columns)
            throw new DataFileException($"{path}:{parser.RawRow}: {parser.Count} columns, expected {columns} ({columnsOrigin})");
        if (labelIndex >= columns)
            throw new DataFileException($"{path}:{parser.RawRow}: no column {labelIndex} for the label; the row has {columns} columns");
    }

    /// <summary>The row's label: a whole number from 0 below the class limit (which sizes the class list).</summary>
    static long Label(CsvParser parser, string path, int column)
    {
        // Messages name the line and column, never the cell: the file may not be what it seems (/etc/shadow).
        if (!long.TryParse(parser[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
            throw new DataFileException($"{At(parser, path, column)}: the label (column {column + 1}) is not a whole number >= 0");
        if (label >= Limits.MaxClasses)
            throw new DataFileException($"{At(parser, path, column)}: the label (column {column + 1}) is above {Limits.MaxClasses - 1}, " +
                                        $"the limit of {Numbers.Count(Limits.MaxClasses)} classes; labels are class numbers 0, 1, 2, ...");
        return label;
    }

    /// <summary>`path:line:col` of a cell of the current row, the column counted in characters as editors do.</summary>
    static string At(CsvParser parser, string path, int field)
    {
        var raw = parser.RawRecord;
        int column = raw.Length + 1;
        bool quoted = false;
        for (int i = 0, f = 0; i < raw.Length; i++)
        {
            if (f == field) { column = i + 1; break; }
            if (raw[i] == '"') quoted = !quoted;
            else if (raw[i] == ',' && !quoted) f++;
        }
        return $"{path}:{parser.RawRow}:{column}";
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
        new(new BoundedRecordReader(new StreamReader(path)), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = hasHeader, IgnoreBlankLines = true });

    static string[]? Header(string path, CsvParser parser, bool hasHeader)
    {
        if (!hasHeader) return null;
        if (!parser.Read()) throw new DataFileException($"{path}: the file is empty (a header row was expected)");
        return parser.Record ?? [];
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
