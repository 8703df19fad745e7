using Runner.Planning;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>A TPE search as the plan carries it: its settings, and how a trial (1-based number, point) becomes a run, checked like every run of the plan.</summary>
/// <param name="PlanTrial">The trial's run (on seed 1 when it has several), the one its proposal names.</param>
public sealed record TpeSearch(TpeSpec Spec, Func<int, IReadOnlyList<double>, PlannedRun> PlanTrial) : ISweepMethodSpec
{
    /// <summary>How many seeds each trial trains on (`repeats:` beside `tpe:`); 1 without.</summary>
    public int Seeds { get; init; } = 1;

    /// <summary>The trial's run on seed 1..<see cref="Seeds"/>; null: <see cref="PlanTrial"/> alone.</summary>
    public Func<int, IReadOnlyList<double>, int, PlannedRun>? PlanSeed { get; init; }

    /// <summary>Every run of the trial, seed 1 first.</summary>
    public IReadOnlyList<PlannedRun> PlanRuns(int trial, IReadOnlyList<double> point) => PlanSeed is null || Seeds == 1
        ? [PlanTrial(trial, point)]
        : Enumerable.Range(1, Seeds).Select(seed => PlanSeed(trial, point, seed)).ToList();

    public bool OnlyNames(string axis) => Spec.OnlyNames(axis);
    public IReadOnlyList<string> ComparedAxes(IReadOnlyList<string> axes) => Spec.ComparedAxes(axes);
    public bool RunsMayRepeatConfigs => Spec.RunsMayRepeatConfigs;
    public AxisDistribution? Distribution(string axis) => Spec.Distribution(axis);

    /// <summary>A startup trial that breaks a constraint known before training is drawn again, keeping its number.</summary>
    public Planning.Constraints.FeasiblePlan Feasible(IReadOnlyList<PlannedRun> runs, Planning.Constraints.SweepConstraints constraints) =>
        TpeFeasibility.StartupTrials(this, runs, constraints);
}
