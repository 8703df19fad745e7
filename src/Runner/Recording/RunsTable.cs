using CsvHelper;
using Runner.Files;
using Runner.Results;

namespace Runner.Recording;

/// <summary>
/// results/&lt;name&gt;/runs.csv: one row per run, keyed by the run's directory. Every change rewrites the
/// file atomically under a lock file, so several processes (shards) can share one results folder and
/// the table is never torn or missing a row another process wrote.
/// </summary>
public sealed class RunsTable(string path)
{
    public string Path { get; } = path;

    /// <summary>Adds or replaces the row of <paramref name="record"/>; rows keep the plan's order.</summary>
    public void Upsert(RunRecord record, IReadOnlyList<string> planOrder)
    {
        using var _ = FileLock.Acquire(Path + ".lock");
        var rows = Read().Where(r => r["directory"] != record.Directory).ToList();
        rows.Add(record.Cells().ToDictionary(c => c.Key, c => c.Value));
        Write(Order(rows, planOrder));
    }

    /// <summary>
    /// Marks the rows of <paramref name="plan"/> (run directories) current and every other row as a run of
    /// an earlier version of the experiment; returns the earlier rows. Nothing is deleted.
    /// </summary>
    public IReadOnlyList<Dictionary<string, string>> MarkPlan(IReadOnlyList<string> plan)
    {
        using var _ = FileLock.Acquire(Path + ".lock");
        var rows = Read().ToList();
        if (rows.Count == 0) return [];
        var current = plan.ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
            row["version"] = current.Contains(row["directory"]) ? RunVersion.Current : RunVersion.Earlier;
        Write(Order(rows, plan));
        return rows.Where(r => r["version"] == RunVersion.Earlier).ToList();
    }

    /// <summary>Every row as column -> cell. A missing file is an empty table.</summary>
    public IReadOnlyList<Dictionary<string, string>> Read()
    {
        if (!File.Exists(Path)) return [];
        using var reader = new StringReader(Csv.CompleteLines(Path));
        using var csv = new CsvReader(reader, Csv.Configuration);
        var rows = new List<Dictionary<string, string>>();
        if (!csv.Read() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!.Select(FormulaSafeCsv.Restore).ToArray();
        // A header that lost its key column makes every row unusable: start the table again; the
        // sweep re-derives each ended run's row from its result.json.
        if (!header.Contains("directory")) return rows;
        while (csv.Read())
        {
            if (csv.Parser.Count != header.Length) continue;
            rows.Add(header.Select((h, i) => (h, FormulaSafeCsv.Restore(csv.GetField(i) ?? ""))).ToDictionary(c => c.h, c => c.Item2));
        }
        return rows;
    }

    static List<Dictionary<string, string>> Order(List<Dictionary<string, string>> rows, IReadOnlyList<string> planOrder)
    {
        var position = planOrder.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        return rows.OrderBy(r => position.TryGetValue(r["directory"], out var i) ? i : int.MaxValue)
            .ThenBy(r => r["directory"], StringComparer.Ordinal).ToList();
    }

    void Write(List<Dictionary<string, string>> rows)
    {
        // Axis columns sit between run_id and status, metric columns between epochs and parameters;
        // rows from an older plan may have other axes and other metrics.
        var fixedColumns = RunRecord.ColumnsBeforeAxes.Concat(RunRecord.ColumnsBeforeMetrics).Concat(RunRecord.ColumnsAfterMetrics).ToHashSet();
        var columns = rows.SelectMany(r => r.Keys).Where(k => !fixedColumns.Contains(k)).Distinct().ToList();
        var metrics = RecordedMetrics.InRecordedOrder(columns.Where(RecordedMetrics.IsMetric)).ToList();
        var axes = columns.Except(metrics).ToList();
        var header = RunRecord.ColumnsBeforeAxes.Concat(axes).Concat(RunRecord.ColumnsBeforeMetrics).Concat(metrics)
            .Concat(RunRecord.ColumnsAfterMetrics).ToList();
        AtomicFile.Write(Path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = FormulaSafeCsv.Writer(writer, Csv.Configuration);
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var h in header) csv.WriteField(row.GetValueOrDefault(h, ""));
                csv.NextRecord();
            }
        });
    }
}
