using System.CommandLine;
using Runner.Sweeps;

namespace Runner.Cli;

/// <summary>`runner plan FILE`: the same as `run --dry-run`.</summary>
public static class PlanCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ExperimentFile();
        var set = CommonOptions.Set();
        var results = CommonOptions.Results();
        var maxRuns = CommonOptions.MaxRuns();
        var shard = new Option<string?>("--shard") { Description = "Show only part i of n of the runs" };
        var noEstimate = new Option<bool>("--no-estimate") { Description = "Skip timing a few batches (no data is loaded)" };
        var command = new Command("plan", "Print the run table (done, partial or new) and estimate the sweep's duration")
        {
            file, set, results, shard, noEstimate, maxRuns, CommonOptions.Verbose(),
        };
        command.SetAction(parse =>
        {
            Shard? shardValue = null;
            if (parse.GetValue(shard) is { } s)
            {
                if (!Shard.TryParse(s, out var parsed)) { Console.Error.WriteLine($"runner plan: --shard takes i/n, got '{s}'"); return ExitCodes.ConfigError; }
                shardValue = parsed;
            }
            var experiment = Loading.Load(parse.GetValue(file)!, parse.GetValue(set) ?? [], parse.GetValue(maxRuns));
            if (experiment is null) return ExitCodes.ConfigError;
            // What `runner run` does with no --jobs, and why.
            var auto = AutoJobs.For(experiment, experiment.Runs.Count);
            Console.WriteLine($"runner run (--jobs auto): {auto.Describe()}");
            return PlanPrinter.Print(experiment, new SweepOptions(parse.GetValue(results)!, auto.Jobs, Shard: shardValue), !parse.GetValue(noEstimate));
        });
        return command;
    }
}
