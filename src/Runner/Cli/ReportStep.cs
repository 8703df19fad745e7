using Runner.Recording;
using Runner.Reporting;
using Runner.Training;

namespace Runner.Cli;

/// <summary>The report at the end of a sweep. A chart that fails is logged; the sweep's result stands.</summary>
public static class ReportStep
{
    public static void Write(ExperimentFolder folder, IRunObserver log)
    {
        try
        {
            var result = ReportWriter.Write(folder.Path, log.Message);
            log.Message($"Report: {Path.Combine(folder.ReportDirectory, "report.html")}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Message($"The report could not be written ({e.Message}); `runner report {folder.Path}` can try again.");
        }
    }
}
