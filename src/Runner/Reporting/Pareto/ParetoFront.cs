namespace Runner.Reporting.Pareto;

/// <summary>
/// Which points no other point dominates. A point dominates another when it is at least as good on every
/// objective and better on one; "better" is higher where the objective is maximized, lower elsewhere.
/// Equal points do not dominate each other, so both stay on the front. Quadratic in the points: a report
/// holds at most the runs of one sweep.
/// </summary>
public static class ParetoFront
{
    /// <returns>For each point, whether it is on the front (dominated by none).</returns>
    public static bool[] NonDominated(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<bool> maximize)
    {
        var onFront = new bool[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            onFront[i] = true;
            for (int j = 0; j < points.Count && onFront[i]; j++)
                if (j != i && Dominates(points[j], points[i], maximize)) onFront[i] = false;
        }
        return onFront;
    }

    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<bool> maximize)
    {
        bool better = false;
        for (int k = 0; k < maximize.Count; k++)
        {
            double gain = maximize[k] ? a[k] - b[k] : b[k] - a[k];
            if (gain < 0) return false;
            if (gain > 0) better = true;
        }
        return better;
    }
}
