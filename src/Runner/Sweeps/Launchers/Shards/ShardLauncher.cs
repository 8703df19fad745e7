namespace Runner.Sweeps.Launchers.Shards;

/// <summary>
/// `runner run --shard i/n`: one of n processes (on this machine or others) that share the results folder.
/// A fixed plan is split (this process takes runs i, i+n, ...); an adaptive sweep has no fixed parts to split,
/// so every shard is an equal worker that takes the next run no other worker has (TPE: the next proposal; a
/// race: a run of the current round). `runner submit` starts its workers this way. The run locks keep two
/// processes off one run.
/// </summary>
public sealed class ShardLauncher : ILauncher
{
    public string Name => "shards";

    public RunLaunch Join(RunFlags flags, Methods.ISweepMethod method, RunLaunch launch)
    {
        if (flags.Shard is null) return launch;
        if (!Shard.TryParse(flags.Shard, out var shard)) return launch.Refuse($"--shard takes i/n with 1 <= i <= n, e.g. 2/3; got '{flags.Shard}'");
        if (!method.SharedByWorkers) return launch with { Options = launch.Options with { Shard = shard } };
        return launch.Note($"runner run: shard {shard} of a {method.Noun} is one of its workers: " +
                           $"it shares the decisions in {Adaptive.DecisionJournal.FileName} with the others and takes the next run none of them has")
            with { Options = launch.Options with { Worker = true } };
    }
}
