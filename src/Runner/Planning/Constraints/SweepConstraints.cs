using Runner.Config;
using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;
using Runner.Models.Registries;
using Runner.Results;

namespace Runner.Planning.Constraints;

/// <summary>
/// `sweep: {constraints: ["parameters &lt;= 50000", "train_seconds &lt;= 60"]}`, beside the axes or a method's section,
/// for grids, random and Sobol' plans and searches alike. A constraint on a name known before training
/// (<see cref="SweepConstraint.KnownBeforeTraining"/>) removes infeasible points from the plan; the others are
/// judged once a run has ended: a search ranks feasible trials first (Optuna's constraints_func), and the report
/// marks infeasible runs and leaves them out of "best" and the Pareto front.
/// </summary>
public sealed record SweepConstraints(IReadOnlyList<SweepConstraint> All)
{
    public const string Key = "constraints";
    const string Example = "`constraints: [\"parameters <= 50000\", \"train_seconds <= 60\"]`";

    public static SweepConstraints None { get; } = new([]);

    public bool Any => All.Count > 0;
    public IEnumerable<SweepConstraint> Before => All.Where(c => c.KnownBefore);
    public IEnumerable<SweepConstraint> After => All.Where(c => !c.KnownBefore);

    /// <summary>Reads `constraints:`: a list of texts, even of one (as the JSON schema says); every bad one reported at its line and column.</summary>
    public static SweepConstraints Parse(ConfigNode node, DiagnosticBag bag)
    {
        if (node is not SequenceNode { Items: var items })
        {
            bag.Add(node, $"sweep.{Key}: expected a list of constraints, got {node.Describe()}; write even one as a list, e.g. " +
                          (node is ScalarNode { IsNull: false } one ? $"`constraints: [\"{one.Text}\"]`" : Example));
            return None;
        }
        if (items.Count == 0)
            bag.Add(node, $"sweep.{Key}: the list is empty; give at least one, e.g. {Example}");
        var constraints = new List<SweepConstraint>();
        foreach (var item in items)
        {
            if (item is not ScalarNode { IsNull: false } scalar)
            {
                bag.Add(item, $"sweep.{Key}: each constraint is a text such as \"parameters <= 50000\", got {item.Describe()}; write e.g. {Example}");
                continue;
            }
            var (constraint, column, problem) = SweepConstraint.Parse(scalar.Text);
            if (constraint is null)
            {
                var at = scalar.Position with { Column = scalar.Position.Column + (scalar.Quoted ? 1 : 0) + column };
                bag.Add(at, $"sweep.{Key}: \"{scalar.Text}\": {problem}");
                continue;
            }
            constraints.Add(constraint with { Node = scalar });
        }
        return new SweepConstraints(constraints);
    }

    /// <summary>Reports every constraint whose name a run of <paramref name="experiment"/> never records.</summary>
    public void CheckNames(Experiment experiment, DiagnosticBag bag)
    {
        var monitors = new MonitorNames(experiment.Train.Metrics.Select(m => m.Name).ToList(), experiment.Data.ValidationSplit > 0);
        var known = monitors.Known(allowTest: true).Concat(ReportObjective.RunFacts).ToList();
        foreach (var c in All.Where(c => !known.Contains(c.Name)))
            bag.Add(c.Node!, $"sweep.{Key}: unknown name '{c.Name}' in \"{c.Node!.Text}\". {NameSuggestion.KnownAndSuggestion(c.Name, known)}");
    }

    /// <summary>The first constraint known before training that <paramref name="run"/> violates, or null when it is feasible.</summary>
    public SweepConstraint? ViolatedBefore(PlannedRun run) =>
        Before.FirstOrDefault(c => c.Violation(ValueBefore(run, c.Name)) > 0);

    static double ValueBefore(PlannedRun run, string name) => PlannedFacts.Value(run, name);

    /// <summary>
    /// Optuna's violation of an ended run: the sum of how far each value lies beyond its bound (0: feasible);
    /// a value the run lacks counts as infinitely far.
    /// </summary>
    public double Violation(Func<string, double?> value) =>
        All.Sum(c => value(c.Name) is { } v && double.IsFinite(v) ? c.Violation(v) : double.PositiveInfinity);

    /// <summary>The constraints a run's values violate, as `train_seconds = 75.2 &gt; 60`, for the report.</summary>
    public IEnumerable<string> Violated(Func<string, double?> value) =>
        All.Where(c => !(value(c.Name) is { } v && double.IsFinite(v) && c.Violation(v) == 0))
            .Select(c => value(c.Name) is { } v && double.IsFinite(v)
                ? $"{c.Name} = {v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, not {c.Text[(c.Name.Length + 1)..]}"
                : $"no value of {c.Name}");
}
