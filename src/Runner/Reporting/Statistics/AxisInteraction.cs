namespace Runner.Reporting.Statistics;

/// <summary>
/// One axis's values within each level of another axis (read from their <see cref="AxisPairGrid"/>). A
/// marginal mean pools the other axes' effects into its spread: relu can beat sigmoid within every
/// optimizer while their marginal intervals overlap. This says which value wins level by level.
/// </summary>
public sealed class AxisInteraction
{
    readonly AxisPairGrid _grid;
    readonly bool _axisIsColumn;

    AxisInteraction(string axis, string other, AxisPairGrid grid)
    {
        Axis = axis;
        Other = other;
        _grid = grid;
        _axisIsColumn = grid.ColumnAxis == axis;
    }

    public string Axis { get; }
    public string Other { get; }
    public IReadOnlyList<string> Values => _axisIsColumn ? _grid.ColumnValues : _grid.RowValues;
    public IReadOnlyList<string> OtherValues => _axisIsColumn ? _grid.RowValues : _grid.ColumnValues;

    /// <summary>The compared metric over the runs with <see cref="Axis"/> = value and <see cref="Other"/> = other.</summary>
    public SampleSummary Cell(int value, int other) => _axisIsColumn ? _grid.Cells[other, value] : _grid.Cells[value, other];

    /// <summary>
    /// The other axis whose effect is largest (the widest spread of its marginal means), since that is the
    /// one most likely to mix into <paramref name="axis"/>'s marginal; null when there is no other axis.
    /// </summary>
    public static AxisInteraction? Strongest(SweepAnalysis analysis, string axis) =>
        analysis.Pairs.Where(p => p.ColumnAxis == axis || p.RowAxis == axis)
            .Select(p => new AxisInteraction(axis, p.ColumnAxis == axis ? p.RowAxis : p.ColumnAxis, p))
            .OrderByDescending(i => Spread(analysis, i.Other)).FirstOrDefault();

    static double Spread(SweepAnalysis analysis, string axis)
    {
        var means = analysis.Effects.Where(e => e.Axis == axis && e.Metric.Count > 0).Select(e => e.Metric.Mean).ToArray();
        return means.Length < 2 ? 0 : means.Max() - means.Min();
    }

    /// <summary>The best value of <see cref="Axis"/> within each level of <see cref="Other"/> (null where a level has no runs).</summary>
    public IReadOnlyList<string?> WinnerPerLevel(bool maximize) =>
        OtherValues.Select((_, o) =>
        {
            var cells = Values.Select((v, i) => (Value: v, Summary: Cell(i, o))).Where(c => c.Summary.Count > 0).ToArray();
            if (cells.Length < 2) return null;
            return maximize ? cells.MaxBy(c => c.Summary.Mean).Value : cells.MinBy(c => c.Summary.Mean).Value;
        }).ToArray();

    /// <summary>
    /// One sentence for the chart and the report: the value that wins within every level, or, when the
    /// winner changes, which wins where. Null when fewer than two levels can be compared.
    /// </summary>
    public string? Describe(bool maximize)
    {
        var winners = WinnerPerLevel(maximize);
        var compared = winners.Count(w => w is not null);
        if (compared < 2) return null;
        if (winners.Where(w => w is not null).Distinct().Count() == 1)
            return $"{Axis} = {winners.First(w => w is not null)} is best within every {Other} ({compared} of {compared}); " +
                   $"the means over all of {Other} mix in its effect, which widens their intervals.";
        return $"Which {Axis} is best depends on {Other} (an interaction): " +
               string.Join("; ", OtherValues.Select((o, i) => (o, w: winners[i])).Where(p => p.w is not null).Select(p => $"{Other} = {p.o}: {p.w}")) + ".";
    }
}
