using Runner.Text;
using Runner.Results;
using System.CommandLine;
using System.Globalization;
using Runner.Files;
using Runner.Recording;
using Runner.Sweeps.Launchers;
using Runner.Status;
using Spectre.Console;

namespace Runner.Cli;

/// <summary>`runner status DIR`: where every run of a sweep stands (as its folder and its launchers tell), with its epoch and time left.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "The experiment's results folder (results/<name>)" };
        CommonOptions.RefuseOptionLookalikes(dir);
        var command = new Command("status", "Show every run of a sweep: done, pruned, failed, running (pid/host or Slurm job), queued (Slurm) or not started, with its epoch and time left")
        {
            dir, CommonOptions.Verbose(),
        };
        command.SetAction(parse => Print(parse.GetValue(dir)!));
        return command;
    }

    public static int Print(string path)
    {
        var folder = new ExperimentFolder(Path.GetFullPath(path));
        if (!File.Exists(folder.SweepJson) && !Directory.Exists(folder.RunsDirectory))
        {
            Console.Error.WriteLine($"runner status: {path} is not a results folder of an experiment (no sweep.json, no runs/)");
            return ExitCodes.ConfigError;
        }
        ResultsFolderGuard.Check(folder.Path);   // status only reads, but a FIFO would block it and a link to /dev/zero fill the memory
        try
        {
            var runs = SweepStatus.Read(folder, SweepLaunchers.Places(folder));
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "#", "run", "state", "where", "epoch", "time left" }) table.AddColumn(column);
            int row = 0;
            foreach (var run in runs)
                table.AddRow((++row).ToString(CultureInfo.InvariantCulture), Markup.Escape(run.Directory), run.State, Markup.Escape(run.Where),
                    run.Epochs is { } total ? $"{run.Epoch}/{total}" : run.Epoch.ToString(CultureInfo.InvariantCulture),
                    run.Ended ? "" : run.EtaSeconds is { } eta ? Durations.Estimate(eta) : "?");
            AnsiConsole.Write(table);
            Console.WriteLine(Line(runs));
            foreach (var line in DecisionsPrinter.Lines(folder.Path)) Console.WriteLine(line);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (RuntimeErrors.IsUserFacing(e))
        {
            Console.Error.WriteLine($"runner status: {RuntimeErrors.Describe(e)}");
            return ExitCodes.RuntimeError;
        }
    }

    /// <summary>"8 runs: 3 done, 2 running, 3 queued; about 40s left" (runs left over the runs going at once), or says the time left is not known yet.</summary>
    public static string Line(IReadOnlyList<RunState> runs)
    {
        var counts = runs.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}");
        var left = runs.Where(r => !r.Ended).ToList();
        double? eta = left.Count == 0 || left.Any(r => r.EtaSeconds is null) ? null
            : left.Sum(r => r.EtaSeconds!.Value) / Math.Max(1, runs.Count(r => r.State == RunState.Running));
        return $"{runs.Count} runs: {string.Join(", ", counts)}" + (eta is { } s ? $"; about {Durations.Estimate(s)} left"
            : left.Count > 0 ? "; time left unknown until a run has written an epoch" : "");
    }
}
