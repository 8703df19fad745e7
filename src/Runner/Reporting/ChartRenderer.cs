using Runner.Text;
using Runner.Files;
using Runner.Reporting.Charts;

namespace Runner.Reporting;

/// <summary>
/// Saves charts, drawn side by side on the machine's cores (each chart is its own plot and file; drawing
/// them was about half the report's time); a chart that throws is logged and recorded, and the others go
/// on. Written charts and failures come back in the catalog's order, whatever order they finished in.
/// </summary>
internal static class ChartRenderer
{
    public static (IReadOnlyList<IChart> Written, IReadOnlyList<ChartFailure> Failed) SaveAll(
        IEnumerable<IChart> charts, string directory, Action<string> log)
    {
        var all = charts.ToList();
        var failures = new ChartFailure?[all.Count];
        Parallel.For(0, all.Count, i => failures[i] = Save(all[i], directory));
        var failed = failures.OfType<ChartFailure>().ToList();
        foreach (var failure in failed) log($"chart {failure.FileName} failed: {failure.Reason}");
        return (all.Where((_, i) => failures[i] is null).ToList(), failed);
    }

    static ChartFailure? Save(IChart chart, string directory)
    {
        var path = Path.Combine(directory, chart.FileName);
        try
        {
            AtomicFile.WriteVia(path, chart.Save);
            TimeTrace.Mark($"report: chart {chart.FileName} drawn");
            return null;
        }
        catch (Exception e)
        {
            ResultsFolderGuard.DeleteFile(path);   // never leave a half-drawn chart behind
            return new ChartFailure(chart.FileName, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
