using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Planning;
using Runner.Planning.Constraints;

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

    /// <summary>Warm start reads an earlier run's report metric alone: a multi-objective search would count every earlier run as bad.
    /// A race beside the search compares one metric's final values on shared seeds: it refuses pruning (as a race does), several objectives and warm start.</summary>
    public void Check(IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag)
    {
        if (Spec.Race is { } race)
        {
            race.Check(runs, planning, bag);
            if (runs[0].Experiment.Report.Objectives.Count >= 2)
                bag.Add(planning.Entry.Key, "sweep.race: a race beside `tpe:` compares trials on report.metric alone, so it can't serve a multi-objective search " +
                    "(report.objectives); use `repeats:` beside `tpe:`, or drop report.objectives");
            if (Spec.WarmStart.Count > 0)
                bag.Add(Spec.WarmStartFolders[0].At, "sweep.tpe.warm_start: a race beside `tpe:` races each trial on the seeds it trains, and an earlier folder's runs " +
                    "can't join a race; use `repeats:` beside `tpe:` with warm_start, or drop warm_start");
        }
        if (Spec.WarmStart.Count > 0 && runs[0].Experiment.Report.Objectives.Count >= 2)
            bag.Add(Spec.WarmStartFolders[0].At, "sweep.tpe.warm_start: an earlier run is read with its report metric alone, so a multi-objective search " +
                "(report.objectives) would count every earlier run as bad; drop warm_start, or report.objectives");
    }

    /// <summary>Warm start's earlier runs carry no judgement of a constraint known only after training: they would all count as within it.</summary>
    public void CheckConstraints(SweepConstraints constraints, IReadOnlyList<PlannedRun> runs, MethodPlanning planning, DiagnosticBag bag)
    {
        Spec.Race?.CheckConstraints(constraints, runs, planning, bag);
        if (Spec.WarmStart.Count > 0 && constraints.After.FirstOrDefault() is { } after)
            bag.Add(after.Node ?? (ConfigNode)planning.Entry.Key, $"sweep.{SweepConstraints.Key}: \"{after.Text}\" is judged after training, and warm start's " +
                "earlier runs carry no judgement of it (they would all count as within it); with warm_start use only constraints known before " +
                "training (parameters), or drop warm_start");
    }
    public IReadOnlyList<string> ComparedAxes(IReadOnlyList<string> axes) => Spec.ComparedAxes(axes);
    public bool RunsMayRepeatConfigs => Spec.RunsMayRepeatConfigs;
    public AxisDistribution? Distribution(string axis) => Spec.Distribution(axis);

    /// <summary>A startup trial that breaks a constraint known before training is drawn again, keeping its number.</summary>
    public Planning.Constraints.FeasiblePlan Feasible(IReadOnlyList<PlannedRun> runs, Planning.Constraints.SweepConstraints constraints) =>
        TpeFeasibility.StartupTrials(this, runs, constraints);
}
