using Runner.Files;
using Runner.Reporting.Charts;

namespace Runner.Reporting;

/// <summary>Saves charts one by one; a chart that throws is logged and recorded, and the next one goes on.</summary>
internal static class ChartRenderer
{
    public static (IReadOnlyList<IChart> Written, IReadOnlyList<ChartFailure> Failed) SaveAll(
        IEnumerable<IChart> charts, string directory, Action<string> log)
    {
        var written = new List<IChart>();
        var failed = new List<ChartFailure>();
        foreach (var chart in charts)
        {
            var path = Path.Combine(directory, chart.FileName);
            try
            {
                AtomicFile.WriteVia(path, chart.Save);
                written.Add(chart);
            }
            catch (Exception e)
            {
                var reason = $"{e.GetType().Name}: {e.Message}";
                failed.Add(new ChartFailure(chart.FileName, reason));
                log($"chart {chart.FileName} failed: {reason}");
                ResultsFolderGuard.DeleteFile(path);   // never leave a half-drawn chart behind
            }
        }
        return (written, failed);
    }
}
