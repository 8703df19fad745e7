using Runner.Reporting.Charts;
using ScottPlot;

namespace Runner.Reporting.Comparison;

/// <summary>One colour per sweep in every comparison chart.</summary>
internal static class ComparisonColors
{
    public static readonly Color A = ChartStyle.ConfigurationColor(0, 2);
    public static readonly Color B = ChartStyle.ConfigurationColor(1, 2);
}
