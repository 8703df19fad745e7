using ScottPlot;

namespace Runner.Tests.Reporting.Charts;

/// <summary>Where a chart's text labels land once drawn, to find the ones the data area cuts off.</summary>
internal static class ChartLayout
{
    /// <summary>The labels whose box, as drawn at <paramref name="width"/> x <paramref name="height"/>, leaves the data area.</summary>
    public static IReadOnlyList<string> LabelsOutsideDataArea(Plot plot, int width, int height)
    {
        plot.RenderInMemory(width, height);
        var area = plot.LastRender.DataRect;
        using var paint = Paint.NewDisposablePaint();
        var outside = new List<string>();
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>())
        {
            var anchor = plot.GetPixel(text.Location);
            var size = text.LabelStyle.Measure(paint);
            float x = anchor.X + text.OffsetX, y = anchor.Y + text.OffsetY;
            var name = text.LabelAlignment.ToString();
            var left = name.EndsWith("Left") ? x : name.EndsWith("Right") ? x - size.Width : x - size.Width / 2;
            var top = name.StartsWith("Upper") ? y : name.StartsWith("Lower") ? y - size.Height : y - size.Height / 2;
            if (left < area.Left || left + size.Width > area.Right || top < area.Top || top + size.Height > area.Bottom)
                outside.Add($"'{text.LabelText}' at [{left:0}, {left + size.Width:0}] x [{top:0}, {top + size.Height:0}], data area [{area.Left:0}, {area.Right:0}] x [{area.Top:0}, {area.Bottom:0}]");
        }
        return outside;
    }

    /// <summary>The major tick labels of an axis as last drawn.</summary>
    public static IReadOnlyList<string> TickLabels(IAxis axis) =>
        axis.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
}
