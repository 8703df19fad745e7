using Runner.Planning;
using Runner.Sweeps.Methods;

namespace Runner.Sweeps.Launchers;

/// <summary>
/// Checks a `runner run`'s flags against the experiment and each other, and lets every launcher apply its
/// own (<see cref="ILauncher.Join"/>): what `run` trains, where, and as which process.
/// </summary>
public static class RunFlagsValidator
{
    public static RunLaunch Check(RunFlags flags, LoadedExperiment experiment, string file)
    {
        var launch = new RunLaunch(new SweepOptions(flags.ResultsRoot, FailFast: flags.FailFast, Fresh: flags.Fresh, Only: flags.Only,
            RetryFailed: flags.RetryFailed));
        if (flags.Only is not null && (flags.Shard is not null || flags.Fresh))
            return launch.Refuse("--only names the runs to train; it doesn't combine with --shard or --fresh");
        var method = SweepMethods.Of(experiment);
        if (method.SharedByWorkers && flags.Only is not null)
            return launch.Refuse($"--only trains named runs of a fixed plan, and {method.Decides}; " +
                                 "to share it between processes or machines, start workers with --shard i/n (or `runner submit`)");
        if (flags.Only?.FirstOrDefault(name => !experiment.Runs.Any(r => RunSelection.Matches(r, name))) is { } unknown)
            return launch.Refuse($"--only: the plan of {file} has no run '{unknown}' (was the file changed since?); `runner plan {file}` lists its {experiment.Runs.Count} runs");
        foreach (var launcher in SweepLaunchers.All)
        {
            launch = launcher.Join(flags, method, launch);
            if (launch.Problem is not null) return launch;
        }
        return launch;
    }
}
