namespace Runner.Sweeps.Methods.Tpe;

/// <summary>
/// The hypervolume of points to be minimised: the volume of the union of the boxes between each point and the
/// reference point (a point not below the reference on every coordinate adds nothing). Exact, by slicing along
/// the last coordinate (two objectives in O(n log n), each more one factor of n): a TPE split holds at most a few
/// dozen points of two to four objectives.
/// </summary>
public static class Hypervolume
{
    public static double Of(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        var inside = points.Where(p => Enumerable.Range(0, reference.Count).All(k => p[k] < reference[k])).ToList();
        return Volume(inside, reference, reference.Count);
    }

    /// <summary>The volume in the first <paramref name="d"/> coordinates.</summary>
    static double Volume(List<IReadOnlyList<double>> points, IReadOnlyList<double> reference, int d)
    {
        if (points.Count == 0) return 0;
        if (d == 1) return reference[0] - points.Min(p => p[0]);
        var sorted = points.OrderBy(p => p[d - 1]).ToList();
        double total = 0, lowest = reference[0];
        for (int i = 0; i < sorted.Count; i++)
        {
            double height = (i + 1 < sorted.Count ? sorted[i + 1][d - 1] : reference[d - 1]) - sorted[i][d - 1];
            if (d == 2) lowest = Math.Min(lowest, sorted[i][0]);
            if (height <= 0) continue;
            total += height * (d == 2 ? reference[0] - lowest : Volume(sorted.Take(i + 1).ToList(), reference, d - 1));
        }
        return total;
    }
}
