using Runner.Config.Binding;
using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Planning;

/// <summary>
/// The space a search section samples (`random:`, `sobol:`, `tpe:`): every key the section does not claim as
/// one of its settings is an axis with its distribution (<see cref="AxisDistribution"/>). This is the one
/// reader of such a section's space and of its count (samples, trials), so the three methods write it alike.
/// </summary>
public sealed record SearchSpace(IReadOnlyList<SweepAxis> Axes, IReadOnlyList<AxisDistribution> Distributions)
{
    /// <summary>The dimensions in axis order, as the samplers see them.</summary>
    public IReadOnlyList<SearchDimension> Dimensions => Distributions.Select(d => d.Dimension).ToList();

    public AxisDistribution? Distribution(string axis) => Distributions.FirstOrDefault(d => d.Dimension.Name == axis);

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

    /// <summary>Every axis the section has not read yet, with its distribution; null when one is in error or there are none (reported).</summary>
    /// <param name="verb">What the method does with the axes, for the message: "draw", "search".</param>
    public static SearchSpace? Read(SectionReader section, string verb, Func<ScalarNode, SweepAxis?> axisOf, DiagnosticBag bag)
    {
        int errorsBefore = bag.Reports;
        var (axes, distributions) = AxisDistribution.ParseAxes(section, axisOf, bag);
        if (axes.Count == 0 && bag.Reports == errorsBefore)
            bag.Add(section.Node, $"{section.Path}: no axes to {verb}; add e.g. `learning_rate: {{loguniform: [0.0001, 0.1]}}`");
        return bag.Reports == errorsBefore ? new SearchSpace(axes, distributions) : null;
    }
}
