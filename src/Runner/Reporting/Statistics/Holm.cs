namespace Runner.Reporting.Statistics;

/// <summary>
/// Holm's step-down correction for testing several configurations against one best: with m tests at level
/// alpha, uncorrected p-values would call about alpha x m configurations "worse" by chance alone.
/// </summary>
public static class Holm
{
    /// <summary>The adjusted p-values, in the input order.</summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> p)
    {
        int m = p.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToList();
        var adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
