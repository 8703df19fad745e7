using Runner.Planning;

namespace Runner.Sweeps.Methods.Tpe;

/// <summary>A TPE search as the plan carries it: its settings, and how a trial (1-based number, point) becomes a run, checked like every run of the plan.</summary>
public sealed record TpeSearch(TpeSpec Spec, Func<int, IReadOnlyList<double>, PlannedRun> PlanTrial) : ISweepMethodSpec
{
    public bool OnlyNames(string axis) => Spec.OnlyNames(axis);
    public IReadOnlyList<string> ComparedAxes(IReadOnlyList<string> axes) => Spec.ComparedAxes(axes);
    public bool RunsMayRepeatConfigs => Spec.RunsMayRepeatConfigs;
    public AxisDistribution? Distribution(string axis) => Spec.Distribution(axis);

    /// <summary>A startup trial that breaks a constraint known before training is drawn again, keeping its number.</summary>
    public Planning.Constraints.FeasiblePlan Feasible(IReadOnlyList<PlannedRun> runs, Planning.Constraints.SweepConstraints constraints) =>
        TpeFeasibility.StartupTrials(this, runs, constraints);
}
