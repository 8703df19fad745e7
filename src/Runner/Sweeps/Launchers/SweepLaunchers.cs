using Runner.Recording;
using Runner.Sweeps.Launchers.Shards;
using Runner.Sweeps.Launchers.Slurm;
using Runner.Sweeps.Launchers.Threads;

namespace Runner.Sweeps.Launchers;

/// <summary>
/// Every launcher, as SweepMethods registers the sweep methods: adding one is its folder and one line here
/// (docs/architecture.md, "A launcher"). `run` applies their flags in this order.
/// </summary>
public static class SweepLaunchers
{
    public static IReadOnlyList<ILauncher> All { get; } =
    [
        new ThreadLauncher(),
        new ShardLauncher(),
        new SlurmLauncher(),
    ];

    /// <summary>The launcher every process trains its units with.</summary>
    public static IInProcessLauncher InProcess { get; } = All.OfType<IInProcessLauncher>().Single();

    /// <summary>What the launchers know of where a sweep's runs are (`status`); the first launcher that places a run wins.</summary>
    public static IReadOnlyDictionary<string, RunPlace> Places(ExperimentFolder folder)
    {
        var places = new Dictionary<string, RunPlace>();
        foreach (var launcher in All)
            foreach (var (run, place) in launcher.Places(folder))
                places.TryAdd(run, place);
        return places;
    }
}
