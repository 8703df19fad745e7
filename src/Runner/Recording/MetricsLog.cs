using CsvHelper;
using Runner.Files;
using Runner.Results;
using Runner.Training;

namespace Runner.Recording;

/// <summary>
/// A run's metrics.csv: one row per epoch, appended whole and flushed to disk, so a crash leaves
/// every finished epoch readable. A resumed run first cuts the file back to its checkpoint's epoch.
/// The columns are `epoch`, every recorded metric in recorded order (loss, accuracy, f1_score, ...,
/// val_loss, ...), then learning_rate, train_seconds and seconds; a row that lacks a column leaves it empty.
/// </summary>
public sealed class MetricsLog(string path) : IEpochLog
{
    /// <summary>Columns every metrics.csv has: the loss and accuracy are always recorded.</summary>
    public static readonly string[] RequiredColumns =
        [MetricsColumns.Epoch, "loss", "accuracy", .. EpochMetrics.ColumnsAfterMetrics];

    public string Path { get; } = path;

    public void Append(EpochMetrics m, bool flush = true)
    {
        var header = ReadHeader();
        if (header is not null && !m.Values.Names.All(header.Contains))
        {
            // A metric the file has no column for yet: rewrite it whole with one.
            var rows = Read().Append(m).ToList();
            AtomicFile.Write(Path, stream => WriteRows(stream, HeaderOf(rows, header), rows, withHeader: true));
            return;
        }
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        WriteRows(stream, header ?? HeaderOf([m]), [m], withHeader: header is null);
        stream.Flush(flushToDisk: flush);
    }

    public void Flush()
    {
        if (!File.Exists(Path)) return;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    static IReadOnlyList<string> HeaderOf(IReadOnlyList<EpochMetrics> rows, IReadOnlyList<string>? existing = null)
    {
        var metrics = RecordedMetrics.InRecordedOrder((existing ?? []).Where(c => !IsFraming(c))
            .Concat(rows.SelectMany(r => r.Values.Names)));
        return [MetricsColumns.Epoch, .. metrics, .. EpochMetrics.ColumnsAfterMetrics];
    }

    static bool IsFraming(string column) => column == MetricsColumns.Epoch || EpochMetrics.ColumnsAfterMetrics.Contains(column);

    static void WriteRows(Stream stream, IReadOnlyList<string> header, IEnumerable<EpochMetrics> rows, bool withHeader)
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
        if (withHeader)
        {
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
        }
        foreach (var m in rows)
        {
            foreach (var column in header)
                csv.WriteField(column switch
                {
                    MetricsColumns.Epoch => m.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    MetricsColumns.LearningRate => Csv.Number(m.LearningRate),
                    MetricsColumns.TrainSeconds => Csv.Number(m.TrainSeconds),
                    MetricsColumns.Seconds => Csv.Number(m.Seconds),
                    _ => Csv.Number(m.Get(column)),
                });
            csv.NextRecord();
        }
    }

    /// <summary>The header of the file, or null when it has none yet (missing, empty or reset).</summary>
    IReadOnlyList<string>? ReadHeader()
    {
        if (!File.Exists(Path)) return null;
        using var reader = new StringReader(Csv.CompleteLines(Path));
        using var csv = new CsvReader(reader, Csv.Configuration);
        return csv.Read() && csv.ReadHeader() ? csv.HeaderRecord : null;
    }

    /// <summary>Every complete row, in epoch order; a torn last line is ignored.</summary>
    public IReadOnlyList<EpochMetrics> Read()
    {
        if (!File.Exists(Path)) return [];
        using var reader = new StringReader(Csv.CompleteLines(Path));
        using var csv = new CsvReader(reader, Csv.Configuration);
        var rows = new List<EpochMetrics>();
        if (!csv.Read() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!;
        if (!RequiredColumns.All(header.Contains))
            throw new DamagedResultsFileException(Path, 1, $"the header lacks a column of {string.Join(",", RequiredColumns)}");
        var metrics = header.Where(c => !IsFraming(c)).ToList();
        while (csv.Read())
        {
            if (csv.Parser.Count != header.Length) continue;
            try
            {
                var values = metrics.Select(c => (c, Value: Csv.ParseNumber(csv.GetField(c))))
                    .Where(v => v.Value is not null)
                    .Select(v => new KeyValuePair<string, double>(v.c, v.Value!.Value));
                rows.Add(new EpochMetrics(
                    int.Parse(csv.GetField(MetricsColumns.Epoch)!, System.Globalization.CultureInfo.InvariantCulture),
                    new MetricValues(values),
                    Csv.ParseNumber(csv.GetField(MetricsColumns.LearningRate))!.Value,
                    Csv.ParseNumber(csv.GetField(MetricsColumns.TrainSeconds))!.Value,
                    Csv.ParseNumber(csv.GetField(MetricsColumns.Seconds))!.Value));
            }
            catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException)
            {
                throw new DamagedResultsFileException(Path, csv.Parser.RawRow, "a value is not a number");
            }
        }
        return rows;
    }

    /// <summary>Starts the log again (a damaged one, of a run trained again from epoch 1): an empty file, whose first row writes the header.</summary>
    public void Reset() => AtomicFile.Write(Path, _ => { });

    /// <summary>Keeps epochs 1..<paramref name="epoch"/> (what the checkpoint holds) and drops the rest.</summary>
    public void TruncateTo(int epoch)
    {
        if (!File.Exists(Path)) return;   // nothing to cut: the first row writes the header
        var header = ReadHeader();
        var kept = Read().Where(r => r.Epoch <= epoch).ToList();
        if (kept.Count == 0) Reset();
        else AtomicFile.Write(Path, stream => WriteRows(stream, header ?? HeaderOf(kept), kept, withHeader: true));
    }
}
