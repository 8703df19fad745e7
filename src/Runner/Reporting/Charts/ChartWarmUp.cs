using Runner.Reporting.Results;
using Runner.Reporting.Statistics;
using ScottPlot;

namespace Runner.Reporting.Charts;

/// <summary>
/// Compiles the charting code (ScottPlot, SkiaSharp, the font) before a sweep's report needs it. The runner
/// compiles each method fully on first use (no tiered compilation: docs/performance.md), and the first
/// charts of a report spent most of their time there (1.2-1.4 s for a learning curve that then draws in
/// 0.1-0.3 s). Started with the sweep, on a pool thread: a sweep's first second or two leaves a core idle
/// (one worker loads the dataset while the others wait for it); `runner report` starts it while it loads the
/// tables. Draws into a temporary folder of its own;
/// a failure is ignored, since the report draws every chart anyway.
/// </summary>
public static class ChartWarmUp
{
    static readonly Lazy<Task> Started = new(() => Task.Run(() =>
    {
        try { Draw(); }
        catch (Exception) { /* only a warm-up: the report draws and reports its own charts */ }
    }));

    /// <summary>Its temporary folder, in the system's temporary folder: this, the process id, a dash and a random name.</summary>
    public const string FolderPrefix = "runner-chart-warm-up-";

    /// <summary>Starts the warm-up once per process; the task ends when it is done (never faulted).</summary>
    public static Task Start() => Started.Value;

    static void Draw()
    {
        var folder = Directory.CreateTempSubdirectory($"{FolderPrefix}{Environment.ProcessId}-");
        try
        {
            var configurations = Enumerable.Range(0, 2).Select(i => new Configuration(i, [new("activation", $"a{i}")], [], $"a{i}")).ToList();
            double[] epochs = [1, 2, 3], values = [0.5, 0.7, 0.8];
            var series = configurations.Select(c => new CurveSeries(c.Label, ChartStyle.ConfigurationColor(c.Index, 2),
                new CurveBand(c, "accuracy", epochs, values, values, values, 3), new CurveBand(c, "val_accuracy", epochs, values, values, values, 3))).ToList();
            new LearningCurveChart("curves.png", "accuracy", series).Save(Path.Combine(folder.FullName, "curves.png"));

            var plot = ChartStyle.NewPlot("bars", "activation", ChartStyle.WithUnit("val_accuracy"));
            ChartStyle.PointsWithWhiskers(plot, [0, 1], [SampleSummary.Of(values, "val_accuracy"), SampleSummary.Of(values, "val_accuracy")],
                [ChartStyle.Neutral, ChartStyle.Muted]);
            AnnotatedHeatmap.Draw(plot, new double[,] { { 0.5, 0.6 }, { 0.7, 0.8 } }, new[,] { { "a", "b" }, { "c", "d" } },
                ["x", "y"], ["u", "v"], new ScottPlot.Colormaps.Viridis(), "val_accuracy", ChartStyle.AnnotationSize);
            ChartStyle.Save(plot, Path.Combine(folder.FullName, "bars.png"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
