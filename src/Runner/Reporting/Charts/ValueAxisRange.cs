namespace Runner.Reporting.Charts;

/// <summary>
/// The value-axis range for points with whiskers. Seeds often differ in the third decimal, so an axis
/// from zero would hide every difference; the range hugs the whiskers with a margin instead (which is
/// why these charts draw points, not bars: a bar would be cut). Zero is kept when the data come close to it.
/// </summary>
internal static class ValueAxisRange
{
    public static (double Low, double High) For(IEnumerable<(double Low, double High)> intervals)
    {
        var finite = intervals.Where(i => double.IsFinite(i.Low) && double.IsFinite(i.High)).ToArray();
        if (finite.Length == 0) return (0, 1);
        double low = finite.Min(i => i.Low), high = finite.Max(i => i.High);
        var span = Math.Max(high - low, Math.Max(Math.Abs(high), 1e-9) * 0.02);
        var bottom = low - 0.35 * span;
        if (low >= 0 && bottom < 0.25 * low) bottom = 0;   // close to zero anyway: show it
        return (bottom, high + 0.25 * span);
    }
}
