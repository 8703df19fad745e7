using Runner.Config.Diagnostics;

namespace Runner.Planning;

/// <summary>
/// What a sweep method (a race, a TPE search: one folder each under Sweeps/Methods, docs/architecture.md)
/// read from its `sweep:` section (<see cref="ISweepSection"/>), as the plan carries it
/// (<see cref="LoadedExperiment.Method"/>). Planning sits below the methods, so it asks only these questions.
/// </summary>
public interface ISweepMethodSpec
{
    /// <summary>Whether an axis only names runs (a search's `trial`), so no `${axis}` needs to use it.</summary>
    bool OnlyNames(string axis) => false;

    /// <summary>The axes the report compares runs by (a trial's number names its run, it is not a setting).</summary>
    IReadOnlyList<string> ComparedAxes(IReadOnlyList<string> axes) => axes;

    /// <summary>Whether two runs may resolve to one config (two trials of a search landing on one point are two runs).</summary>
    bool RunsMayRepeatConfigs => false;

    /// <summary>
    /// Once the runs known in advance are bound without errors: the spec the plan carries (a search adds how its
    /// later trials are planned), errors of the runs it checks into <paramref name="runBag"/>, others into <paramref name="bag"/>.
    /// </summary>
    ISweepMethodSpec Planned(MethodPlanning planning, DiagnosticBag runBag, DiagnosticBag bag) => this;

    /// <summary>Checks the plan as a whole (a race refuses pruning), once every run is bound.</summary>
    void Check(IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag) { }

    /// <summary>Refuses constraints the method can't honour (a race eliminates on its metric alone), once every run is bound.</summary>
    void CheckConstraints(Constraints.SweepConstraints constraints, IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag) { }

    /// <summary>
    /// The runs known in advance within the constraints known before training (<see cref="Constraints.SweepConstraints"/>):
    /// by default the infeasible ones are dropped; a search draws its startup trials again instead.
    /// </summary>
    Constraints.FeasiblePlan Feasible(IReadOnlyList<PlannedRun> runs, Constraints.SweepConstraints constraints) =>
        Constraints.FeasiblePlan.Drop(runs, constraints);

    /// <summary>The method with a section that decides its seeds beside it (`race:` beside `tpe:`, <see cref="ISweepSection.RacesSeeds"/>).</summary>
    ISweepMethodSpec WithSeedRace(ISweepMethodSpec race) => this;

    /// <summary>The distribution an axis is drawn from, when the method samples it (TensorBoard's HParams ranges); null otherwise.</summary>
    AxisDistribution? Distribution(string axis) => null;
}
