namespace Runner.Planning;

/// <summary>
/// One dimension of a search space (<see cref="SearchSpace"/>): the axis runs record it by, its distribution, and when
/// it is active (null: always). A point of the space holds NaN for a parameter that is not active.
/// </summary>
public sealed record SearchParameter(SweepAxis Axis, AxisDistribution Distribution, SpaceCondition? When)
{
    public string Name => Axis.Name;
}

/// <summary>
/// When a parameter of a conditional space is active: its parent parameter (at index <see cref="Parent"/>, always
/// before it) is active and took option <see cref="Choice"/> (a branch of a choice), or reached <see cref="MinDepth"/>
/// (a layer of a searched depth).
/// </summary>
public sealed record SpaceCondition(int Parent, int? Choice, int? MinDepth)
{
    public bool Holds(IReadOnlyList<double> point)
    {
        double parent = point[Parent];
        return !double.IsNaN(parent) && (Choice is { } choice ? (int)parent == choice : parent >= MinDepth!.Value);
    }

    /// <summary>The point with every parameter whose condition fails set to NaN (parents come first, so one pass does it).</summary>
    public static double[] Mask(IReadOnlyList<SpaceCondition?> conditions, IReadOnlyList<double> point)
    {
        var masked = point.ToArray();
        for (int i = 0; i < masked.Length; i++)
            if (conditions[i] is { } when && !when.Holds(masked)) masked[i] = double.NaN;
        return masked;
    }

    /// <summary>Whether exactly the active parameters have values (a point read back from a journal someone else may have written).</summary>
    public static bool Consistent(IReadOnlyList<SpaceCondition?> conditions, IReadOnlyList<double> point) =>
        Enumerable.Range(0, point.Count).All(i => double.IsNaN(point[i]) == (conditions[i] is { } when && !when.Holds(point)));
}
