using Runner.Config;
using Runner.Config.Diagnostics;
using Runner.Models.Shapes;

namespace Runner.Planning;

/// <summary>Either the planned experiment, or every error found in the file and the overrides (then Experiment is null).</summary>
public sealed record LoadResult(LoadedExperiment? Experiment, IReadOnlyList<Diagnostic> Errors)
{
    public bool Succeeded => Experiment is not null;

    /// <summary>There were more errors than <see cref="Errors"/> holds (<see cref="DiagnosticBag.MaxKept"/>).</summary>
    public bool ErrorsTruncated { get; init; }
}

/// <summary>
/// A validated experiment file: its runs in sweep order. <see cref="AxisNames"/> are the sweep's axes
/// as written (a `repeats:` sweep has the axis `seed`, which the report treats as repetitions).
/// </summary>
public sealed record LoadedExperiment(string Name, string SourcePath, IReadOnlyList<string> AxisNames, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>The sweep method's section (a race, a TPE search) as it read it; null for a fixed plan (grid, zip, random, repeats).</summary>
    public ISweepMethodSpec? Method { get; init; }

    /// <summary>`sweep: {constraints: [...]}`; none by default.</summary>
    public Constraints.SweepConstraints Constraints { get; init; } = Planning.Constraints.SweepConstraints.None;

    /// <summary>What the constraints known before training removed from the plan (or a search drew again).</summary>
    public Constraints.FeasiblePlan? Feasible { get; init; }

    /// <summary>What sweep.json records of the search's shape for the report (<see cref="SweepShape"/>).</summary>
    public SweepShape Shape { get; init; } = SweepShape.Grid;
}

/// <summary>
/// One run: a readable <see cref="Id"/> from its axis values, the <see cref="Hash"/> of its resolved
/// config (what resume matches on), its folder name, the validated experiment, the canonical
/// resolved YAML to save beside its results, and its model worked out on paper.
/// </summary>
public sealed record PlannedRun(
    string Id,
    string Hash,
    string DirectoryName,
    IReadOnlyList<KeyValuePair<string, string>> AxisValues,
    Experiment Experiment,
    string ResolvedYaml,
    ModelPlan ModelPlan);
