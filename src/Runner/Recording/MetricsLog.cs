using CsvHelper;
using Runner.Files;
using Runner.Results;
using Runner.Training;

namespace Runner.Recording;

/// <summary>
/// A run's metrics.csv: one row per epoch, appended whole and flushed to disk, so a crash leaves
/// every finished epoch readable. A resumed run first cuts the file back to its checkpoint's epoch.
/// </summary>
public sealed class MetricsLog(string path) : IEpochLog
{
    public static readonly string[] Header =
        [MetricsColumns.Epoch, "loss", "accuracy", "val_loss", "val_accuracy", MetricsColumns.LearningRate, MetricsColumns.TrainSeconds, MetricsColumns.Seconds];

    public string Path { get; } = path;

    public void Append(EpochMetrics m)
    {
        bool isNew = !File.Exists(Path) || new FileInfo(Path).Length == 0;
        using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        WriteRows(stream, isNew, [m]);
        stream.Flush(flushToDisk: true);
    }

    static void WriteRows(Stream stream, bool withHeader, IEnumerable<EpochMetrics> rows)
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
        if (withHeader)
        {
            foreach (var h in Header) csv.WriteField(h);
            csv.NextRecord();
        }
        foreach (var m in rows)
        {
            csv.WriteField(m.Epoch);
            csv.WriteField(Csv.Number(m.Loss));
            csv.WriteField(Csv.Number(m.Accuracy));
            csv.WriteField(Csv.Number(m.ValLoss));
            csv.WriteField(Csv.Number(m.ValAccuracy));
            csv.WriteField(Csv.Number(m.LearningRate));
            csv.WriteField(Csv.Number(m.TrainSeconds));
            csv.WriteField(Csv.Number(m.Seconds));
            csv.NextRecord();
        }
    }

    /// <summary>Every complete row, in epoch order; a torn last line is ignored.</summary>
    public IReadOnlyList<EpochMetrics> Read()
    {
        if (!File.Exists(Path)) return [];
        using var reader = new StringReader(Csv.CompleteLines(Path));
        using var csv = new CsvReader(reader, Csv.Configuration);
        var rows = new List<EpochMetrics>();
        if (!csv.Read() || !csv.ReadHeader()) return rows;
        if (!Header.All(csv.HeaderRecord!.Contains))
            throw new DamagedResultsFileException(Path, 1, $"the header lacks a column of {string.Join(",", Header)}");
        while (csv.Read())
        {
            if (csv.Parser.Count != Header.Length) continue;
            try
            {
                rows.Add(new EpochMetrics(
                    int.Parse(csv.GetField(MetricsColumns.Epoch)!, System.Globalization.CultureInfo.InvariantCulture),
                    Csv.ParseNumber(csv.GetField("loss"))!.Value,
                    Csv.ParseNumber(csv.GetField("accuracy"))!.Value,
                    Csv.ParseNumber(csv.GetField("val_loss")),
                    Csv.ParseNumber(csv.GetField("val_accuracy")),
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

    /// <summary>Starts the log again (a damaged one, of a run trained again from epoch 1).</summary>
    public void Reset() => AtomicFile.Write(Path, stream => WriteRows(stream, withHeader: true, []));

    /// <summary>Keeps epochs 1..<paramref name="epoch"/> (what the checkpoint holds) and drops the rest.</summary>
    public void TruncateTo(int epoch)
    {
        var kept = Read().Where(r => r.Epoch <= epoch).ToList();
        AtomicFile.Write(Path, stream => WriteRows(stream, withHeader: true, kept));
    }
}
