using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>The compared metric for every combination of two sweep axes, mean over everything else.</summary>
internal sealed class AxisPairHeatmapChart(SweepAnalysis analysis, AxisPairGrid grid) : IChart
{
    public string FileName =>
        $"heatmap_{ChartStyle.FileSafe(analysis.Metric)}_{ChartStyle.FileSafe(grid.ColumnAxis)}_x_{ChartStyle.FileSafe(grid.RowAxis)}.png";

    public string Caption => $"Final {analysis.Metric} for each {grid.ColumnAxis} × {grid.RowAxis} (mean over seeds and other axes" +
                             (grid.Cells.Cast<SampleSummary>().Any(s => s.HasInterval) ? "; ± 95% CI where a cell has 3 runs or more)" : "; n = runs per cell)");

    public void Save(string path)
    {
        int rows = grid.RowValues.Count, columns = grid.ColumnValues.Count;
        var values = new double[rows, columns];
        var labels = new string[rows, columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var s = grid.Cells[r, c];
                values[r, c] = s.Mean;
                labels[r, c] = s.Count == 0 ? "no runs"
                    : s.IsClipped ? $"{NumberFormat.Value(s.Mean, analysis.Metric)}\n[{NumberFormat.Value(s.CiLow, analysis.Metric)}, {NumberFormat.Value(s.CiHigh, analysis.Metric)}]\nn={s.Count}"
                    : s.HasInterval ? $"{NumberFormat.Value(s.Mean, analysis.Metric)}\n± {NumberFormat.Value(s.CiHalfWidth, analysis.Metric)}\nn={s.Count}"
                    : $"{NumberFormat.Value(s.Mean, analysis.Metric)}\nn={s.Count}";
            }
        var plot = ChartStyle.NewPlot($"Final {analysis.Metric}: {grid.ColumnAxis} × {grid.RowAxis}", grid.ColumnAxis, grid.RowAxis);
        var width = Math.Clamp(260 + 150 * columns, 700, 1400);
        var height = Math.Clamp(200 + 90 * rows, 450, 1100);
        var fontSize = columns > 8 || rows > 8 ? ChartStyle.AnnotationSize - 3 : ChartStyle.AnnotationSize;
        // Dark should mean bad: for a loss, reverse the map so the best cell is bright either way.
        IColormap map = analysis.Maximize ? new ScottPlot.Colormaps.Viridis() : new ScottPlot.Colormaps.Viridis().Reversed();
        AnnotatedHeatmap.Draw(plot, values, labels, grid.ColumnValues, grid.RowValues, map, ChartStyle.WithUnit(analysis.Metric), fontSize);
        AnnotatedHeatmap.TiltLongColumnNames(plot, grid.ColumnValues, width - 250);
        ChartStyle.Save(plot, path, width, height);
    }
}
