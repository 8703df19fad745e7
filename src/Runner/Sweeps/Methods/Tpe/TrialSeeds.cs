using System.Globalization;
using Runner.Config.Yaml;
using Runner.Planning;
using Runner.Results;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// The seeds every trial of a search trains on when `repeats: N` goes beside `tpe:`: the axis `seed` (1..N) at
/// <paramref name="Index"/> among the sweep's axes, where the sweep wrote it; <paramref name="Count"/> 1 and no index without.
/// </summary>
public sealed record TrialSeeds(int Index, int Count)
{
    /// <summary>The seeds of a plan's runs known in advance (the startup trials, crossed with `repeats:`).</summary>
    public static TrialSeeds Of(IReadOnlyList<PlannedRun> runs)
    {
        int index = runs[0].AxisValues.Select(a => a.Key).ToList().IndexOf(SeedAxis.Name);
        return index < 0 ? new(-1, 1) : new(index, runs.Select(r => r.AxisValues[index].Value).Distinct().Count());
    }

    /// <summary>A run's axis values from its trial's (the trial number, then the searched axes) and its seed.</summary>
    public IReadOnlyList<ConfigNode> Values(IReadOnlyList<ConfigNode> trial, int seed, ConfigNode at)
    {
        if (Index < 0) return trial;
        var values = trial.ToList();
        values.Insert(Index, new ScalarNode(at.Position, seed.ToString(CultureInfo.InvariantCulture), quoted: false));
        return values;
    }

    /// <summary>A run's seed (1 for a search without `repeats:`).</summary>
    public static int SeedOf(PlannedRun run) =>
        run.AxisValues.FirstOrDefault(a => a.Key == SeedAxis.Name) is { Value: { } text } ? int.Parse(text, CultureInfo.InvariantCulture) : 1;
}
