using System.Globalization;
using System.Text;
using Runner.Files;
using Runner.Results;

namespace Runner.Serve;

/// <summary>
/// One run's metrics.csv, compact: the epochs, and every column's values as float32 in one array per
/// column (NaN where a cell is empty or not a number). 100 epochs of 8 columns take 3.6 KB, where a
/// dictionary per epoch took about 50 times that; `runner serve` keeps 10,000 runs' curves this way.
/// </summary>
public sealed class RunCurves
{
    public static readonly RunCurves Empty = new([], [], []);

    RunCurves(IReadOnlyList<string> columns, int[] epochs, float[][] values)
    {
        Columns = columns;
        Epochs = epochs;
        Values = values;
    }

    /// <summary>The columns after `epoch`, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int[] Epochs { get; }

    /// <summary>Values[column][row], rows in file order.</summary>
    public float[][] Values { get; }

    /// <summary>What this takes in memory, near enough to bound a cache by.</summary>
    public long Bytes => 64 + Epochs.Length * 4L + Values.Sum(v => 24 + v.Length * 4L);

    /// <summary>The values of a column, or null when the file has no such column.</summary>
    public float[]? Column(string name)
    {
        for (var c = 0; c < Columns.Count; c++)
            if (Columns[c] == name) return Values[c];
        return null;
    }

    /// <summary>The last finite value of a column (the latest epoch of a run that trains), or null.</summary>
    public double? Last(string column)
    {
        var values = Column(column);
        for (var i = (values?.Length ?? 0) - 1; i >= 0; i--)
            if (float.IsFinite(values![i])) return values[i];
        return null;
    }

    /// <summary>Columns of a metrics.csv: Runner writes a few dozen at most.</summary>
    public const int MaxColumns = 10_000;

    /// <summary>Values read from one metrics.csv, 64 MB of floats: a million epochs of 16 columns.</summary>
    public const long MaxValues = 16L * 1024 * 1024;

    /// <summary>
    /// The file as it is now: only whole lines (a line being appended is left for the next read), rows
    /// without a whole-number epoch skipped; a missing, special or oversized file reads as no epochs, as does
    /// one over <see cref="MaxColumns"/> columns; rows past <see cref="MaxValues"/> values are left out.
    /// </summary>
    public static RunCurves Read(string path)
    {
        if (FileKind.Of(path) != FileType.Regular) return Empty;
        string text;
        try
        {
            // A regular file: one read of its size, never more than the limit (BoundedRead's 80 KB chunk per
            // file was most of the time of reading 10,000 small files).
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            if (stream.Length > Limits.MaxResultsFileBytes) return Empty;
            var bytes = new byte[stream.Length];
            var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            text = Encoding.UTF8.GetString(bytes, 0, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Empty; }
        var end = text.LastIndexOf('\n');
        if (end < 0) return Empty;
        var lines = text[..end].Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        var epochAt = Array.IndexOf(header, MetricsColumns.Epoch);
        if (epochAt < 0) return Empty;
        if (header.Length > MaxColumns) return Empty;
        var columns = header.Where((_, i) => i != epochAt).ToArray();
        // Every row holds a value per column, a missing cell as NaN: a wide header over many short lines
        // would otherwise make gigabytes of NaN from a few megabytes of file.
        var maxRows = (int)Math.Min(lines.Length - 1, MaxValues / Math.Max(1, columns.Length));
        var epochs = new List<int>(maxRows);
        var values = columns.Select(_ => new List<float>(maxRows)).ToArray();
        foreach (var line in lines.Skip(1))
        {
            if (epochs.Count == maxRows) break;
            var cells = line.TrimEnd('\r').Split(',');
            if (cells.Length <= epochAt || !int.TryParse(cells[epochAt], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)) continue;
            epochs.Add(epoch);
            for (int i = 0, c = 0; i < header.Length; i++)
            {
                if (i == epochAt) continue;
                values[c++].Add(i < cells.Length && float.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : float.NaN);
            }
        }
        return new RunCurves(columns, epochs.ToArray(), values.Select(v => v.ToArray()).ToArray());
    }

    /// <summary>At most <paramref name="points"/> evenly spaced epochs, the first and the last kept.</summary>
    public RunCurves Downsampled(int points)
    {
        if (Epochs.Length <= points) return this;
        var rows = Enumerable.Range(0, points).Select(k => (int)Math.Round(k * (Epochs.Length - 1) / (double)(points - 1))).Distinct().ToArray();
        return new RunCurves(Columns, rows.Select(r => Epochs[r]).ToArray(), Values.Select(v => rows.Select(r => v[r]).ToArray()).ToArray());
    }
}
