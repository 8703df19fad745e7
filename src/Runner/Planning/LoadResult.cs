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
    /// <summary>`sweep.race`: the seeds of <see cref="Runs"/> are raced (only those the race needs start); null for a fixed plan.</summary>
    public RaceSpec? Race { get; init; }

    /// <summary>`sweep.tpe`: <see cref="Runs"/> are its startup trials, and later trials are planned as it proposes them; null otherwise.</summary>
    public TpeSearch? Tpe { get; init; }
}

/// <summary>A TPE search: its settings, and how a trial (1-based number, point) becomes a run, checked like every run of the plan.</summary>
public sealed record TpeSearch(TpeSpec Spec, Func<int, IReadOnlyList<double>, PlannedRun> PlanTrial);

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
