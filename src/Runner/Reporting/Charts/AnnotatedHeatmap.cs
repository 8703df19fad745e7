using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// A grid of coloured cells with the value written in each and a colour bar, with row 0 at the top
/// (the way tables and confusion matrices are read). Shared by the axis-pair and confusion charts.
/// </summary>
internal static class AnnotatedHeatmap
{
    public static void Draw(Plot plot, double[,] values, string[,] labels,
        IReadOnlyList<string> columnNames, IReadOnlyList<string> rowNames, IColormap colormap, string colorBarLabel, float fontSize)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = colormap;
        heatmap.NaNCellColor = Colors.LightGray;
        // Cell (r, c) is centred on x = c, y = rows - 1 - r (ScottPlot draws row 0 at the top).
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);

        var finite = values.Cast<double>().Where(double.IsFinite).ToArray();
        double min = finite.Length > 0 ? finite.Min() : 0, max = finite.Length > 0 ? finite.Max() : 1;
        if (max == min) { min -= 0.5; max += 0.5; }
        heatmap.ManualRange = new ScottPlot.Range(min, max);

        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var v = values[r, c];
                var cell = double.IsFinite(v) ? colormap.GetColor((v - min) / (max - min)) : Colors.LightGray;
                var text = plot.Add.Text(labels[r, c], c, rows - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = ChartStyle.TextOn(cell);
            }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(i => (double)i).ToArray(), columnNames.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i)).ToArray(), rowNames.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();

        var colorBar = plot.Add.ColorBar(heatmap);
        colorBar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 8 };
        colorBar.Label = colorBarLabel;
        colorBar.LabelStyle.FontSize = ChartStyle.LabelSize - 2;
    }

    /// <summary>
    /// Tilts column names that would run into each other, and makes room for them below the axis
    /// (ScottPlot sizes the axis for upright labels).
    /// </summary>
    public static void TiltLongColumnNames(Plot plot, IReadOnlyList<string> names, int dataWidth)
    {
        if (names.Count == 0) return;
        var widest = names.Max(n => n.Length) * ChartStyle.TickSize * 0.62;   // DejaVu Sans averages ~0.6 em per glyph
        if (widest < 0.9 * dataWidth / names.Count) return;
        const float angle = 35;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -angle;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.TickLabelStyle.OffsetY = ChartStyle.TickSize * 0.6f;   // keep the tilted text clear of the frame
        plot.Axes.Bottom.MinimumSize = (float)(widest * Math.Sin(angle * Math.PI / 180) + ChartStyle.TickSize + 2.5 * ChartStyle.LabelSize);
    }
}
