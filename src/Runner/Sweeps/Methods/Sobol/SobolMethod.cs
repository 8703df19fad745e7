using Runner.Models.Registries;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Methods.FixedPlan;

namespace Runner.Sweeps.Methods.Sobol;

/// <summary>
/// Quasi-random search (`sobol:`, <see cref="SobolSpec"/>): its points are known in advance, so it runs as the
/// fixed plan does (sharded, one array task per fused array or run), and only adds what `plan` says of it.
/// </summary>
public sealed class SobolMethod : ISweepMethod
{
    readonly FixedPlanMethod _plan = new();

    public ISweepSection? Section { get; } = new SobolConfig();
    public bool Runs(ISweepMethodSpec? spec) => spec is SobolSpec;
    public string Noun => "quasi-random search";

    public ISweeper Sweeper(LoadedExperiment experiment, ExperimentFolder folder, SweepOptions options, ComponentRegistries registries) =>
        _plan.Sweeper(experiment, folder, options, registries);

    public string? Resumed(ISweeper sweeper) => _plan.Resumed(sweeper);

    public IEnumerable<string> Describe(LoadedExperiment experiment, IReadOnlyList<PlannedRun> known)
    {
        var spec = (SobolSpec)experiment.Method!;
        yield return $"Sobol: the first {spec.Samples} points of a scrambled Sobol' sequence (seed {spec.Seed}) over {spec.Space.Axes.Count} axes.";
        if (!spec.Balanced)
        {
            int below = 1 << (31 - int.LeadingZeroCount(spec.Samples));
            yield return $"  {spec.Samples} is not a power of two: the sequence is balanced over its first {below} or {below * 2} points, not {spec.Samples} (scipy warns the same); samples: {below} or {below * 2} covers the space more evenly.";
        }
    }
}
