using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// The space a search section samples (`random:`, `sobol:`, `tpe:`): every key the section does not claim as
/// one of its settings is an axis with its distribution (<see cref="AxisDistribution"/>), possibly conditional
/// (<see cref="ConditionalAxis"/>: a choice whose options carry their own parameters, a searched depth). This is
/// the one reader of such a section's space and of its count (samples, trials), so the three methods write it
/// alike. Its parameters are flat, each parent before the parameters it conditions; a point holds NaN for a
/// parameter that is not active.
/// </summary>
public sealed record SearchSpace(IReadOnlyList<SearchParameter> Parameters)
{
    /// <summary>Every parameter's axis, in order (a conditional axis's parameters after it).</summary>
    public IReadOnlyList<SweepAxis> Axes => Parameters.Select(p => p.Axis).ToList();

    public IReadOnlyList<AxisDistribution> Distributions => Parameters.Select(p => p.Distribution).ToList();

    /// <summary>The dimensions in order, as the samplers see them.</summary>
    public IReadOnlyList<SearchDimension> Dimensions => Parameters.Select(p => p.Distribution.Dimension).ToList();

    /// <summary>When each parameter is active (null: always), as the samplers see it.</summary>
    public IReadOnlyList<SpaceCondition?> Conditions => Parameters.Select(p => p.When).ToList();

    public bool Conditional => Parameters.Any(p => p.When is not null);

    public AxisDistribution? Distribution(string axis) => Parameters.FirstOrDefault(p => p.Name == axis)?.Distribution;

    /// <summary>The point with the parameters that are not active set to NaN.</summary>
    public IReadOnlyList<double> Mask(IReadOnlyList<double> point) => SpaceCondition.Mask(Conditions, point);

    /// <summary>Each parameter's recorded value at a point (empty where it is not active).</summary>
    public IReadOnlyList<ConfigNode> Values(IReadOnlyList<double> point) => Parameters.Select((p, i) => p.Distribution.Value(point[i])).ToList();

    /// <summary>The point of recorded values (a run's axis values, as <see cref="Values"/> wrote them): an empty one is NaN.</summary>
    public IReadOnlyList<double> Point(Func<string, string> valueOf) =>
        Parameters.Select(p => valueOf(p.Name) is "" && p.When is not null ? double.NaN : p.Distribution.Point(valueOf(p.Name))).ToList();

    /// <summary>
    /// Points checked at validation though no trial may land on them. Every number at its low end and at its high end,
    /// every choice at least once, in rows (row r: choices at option r, numbers at low for even r, high for odd r).
    /// Then, for each parameter inside a branch, each of its extremes with that branch taken (its parents forced to
    /// it, the rest as in a row), so every branch's extremes are built and a proposal later in the search can't fail.
    /// </summary>
    public IEnumerable<IReadOnlyList<double>> Probes()
    {
        int rows = Math.Max(2, Dimensions.Select(d => d is ChoiceDimension c ? c.Count : 0).Max());
        double Extreme(int parameter, int k) => Dimensions[parameter] switch
        {
            ChoiceDimension c => k % c.Count,
            NumberDimension n => k % 2 == 0 ? n.Low : n.High,
            var d => throw new InvalidOperationException(d.GetType().Name),
        };
        double[] Row(int r) => Enumerable.Range(0, Parameters.Count).Select(p => Extreme(p, r)).ToArray();
        var seen = new HashSet<string>();
        IEnumerable<IReadOnlyList<double>> New(double[] point)
        {
            var masked = Mask(point);
            if (seen.Add(string.Join(",", masked))) yield return masked;
        }

        for (int r = 0; r < rows; r++)
            foreach (var probe in New(Row(r))) yield return probe;
        for (int p = 0; p < Parameters.Count; p++)
        {
            if (Parameters[p].When is null) continue;
            int extremes = Dimensions[p] is ChoiceDimension choice ? choice.Count : 2;
            for (int k = 0; k < extremes; k++)
            {
                var point = Row(k);
                point[p] = Extreme(p, k);
                for (var when = Parameters[p].When; when is not null; when = Parameters[when.Parent].When)
                    point[when.Parent] = when.Choice ?? Math.Max(point[when.Parent], when.MinDepth!.Value);
                foreach (var probe in New(point)) yield return probe;
            }
        }
    }

    /// <summary>The section at <paramref name="node"/>, or null after reporting that it is not a mapping.</summary>
    /// <param name="example">The section as it should be written, for the message.</param>
    public static SectionReader? Open(ConfigNode node, Section declared, string example, DiagnosticBag bag)
    {
        var section = new SectionReader(node, node, declared, bag);
        if (section.Present) return section;
        // A scalar or list is reported by the reader; an empty section is not, so say it here.
        if (node is ScalarNode { IsNull: true })
            bag.Add(node, $"{declared.Path}: expected a mapping, got {node.Describe()}; write e.g. `{example}`");
        return null;
    }

    /// <summary>The section's required count (`samples:`, `trials:`), <paramref name="example"/> suggested when missing.</summary>
    public static int Count(SectionReader section, ScalarKey key, string example)
    {
        if (section[key] is null) section.Missing(key.Name, example);
        return section.Int(key.Name, 1, key.Info.Range);
    }

    /// <summary>Every axis the section has not read yet, with its parameters; null when one is in error or there are none (reported).</summary>
    /// <param name="verb">What the method does with the axes, for the message: "draw", "search".</param>
    public static SearchSpace? Read(SectionReader section, string verb, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        var parameters = new List<SearchParameter>();
        foreach (var entry in section.Unclaimed)
            if (axisOf(entry.Key) is { } axis) ConditionalAxis.Read(axis, entry.Value, $"{section.Path}.{entry.Name}", parameters, bag);
        // A parameter in a branch is named by its axis, label and key (no axis name has those dots), so only two
        // distributions under one key of one branch can clash.
        foreach (var clash in parameters.GroupBy(p => p.Name).Where(g => g.Count() > 1))
            bag.Add(clash.Last().Axis.Key, $"{section.Path}: two parameters are both named '{clash.Key}' (the axis, the option's label and the key they sit under); " +
                "put each distribution under its own key");
        if (parameters.Count == 0 && bag.Reports == errorsBefore)
            bag.Add(section.Node, $"{section.Path}: no axes to {verb}; add e.g. `learning_rate: {{loguniform: [0.0001, 0.1]}}`");
        return bag.Reports == errorsBefore ? new SearchSpace(parameters) : null;
    }
}
