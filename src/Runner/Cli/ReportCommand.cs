using System.CommandLine;
using Runner.Reporting;
using Runner.Results;

namespace Runner.Cli;

/// <summary>`runner report DIR`: redraw tables and charts from the CSVs alone, without retraining.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("directory") { Description = "An experiment's results folder, e.g. results/optimizers" };
        CommonOptions.RefuseOptionLookalikes(directory);
        var command = new Command("report", "Redraw an experiment's charts, leaderboard and report from its results folder, without retraining (the image grids load the run's dataset again)") { directory, CommonOptions.Verbose() };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(directory)!;
            if (!File.Exists(Path.Combine(dir, ResultsLayout.RunsFile)))
            {
                Console.Error.WriteLine($"runner report: {dir} has no {ResultsLayout.RunsFile}; give an experiment's results folder, e.g. results/optimizers");
                return ExitCodes.ConfigError;
            }
            var result = ReportWriter.Write(dir, Console.WriteLine, Sweeps.SweepReportParts.All);
            Console.WriteLine($"Report: {Path.Combine(dir, ResultsLayout.ReportFolder, ReportWriter.HtmlFile)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
