using Runner.Files;
using Runner.Recording;
using Runner.Reporting;
using Runner.Training;

namespace Runner.Cli;

/// <summary>
/// The report at the end of a sweep. A chart that fails is logged; the sweep's result stands. A report
/// that could not be written at all (a full disk) is null, so the command does not exit 0.
/// </summary>
public static class ReportStep
{
    public static ReportResult? Write(ExperimentFolder folder, IRunObserver log)
    {
        try
        {
            var result = ReportWriter.Write(folder.Path, log.Message, Sweeps.SweepReportParts.All);
            log.Message($"Report: {Path.Combine(folder.ReportDirectory, Reporting.ReportWriter.HtmlFile)}");
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = e is IOException io && DiskSpace.IsFull(io) ? "the disk is full" : CliErrors.Describe(e).Message;
            log.Message($"The report could not be written ({reason}); `runner report {folder.Path}` can try again.");
            return null;
        }
    }
}
