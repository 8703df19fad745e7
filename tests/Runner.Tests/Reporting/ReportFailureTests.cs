using global::Runner.Reporting;
using global::Runner.Reporting.Charts;

namespace Runner.Tests.Reporting;

public class ReportFailureTests
{
    /// <summary>A dataset whose test set is missing: the misclassified grid has nothing to draw.</summary>
    sealed class NoTestImages : IDatasetImageSource
    {
        public DatasetImages? Load(global::Runner.Models.Specs.ComponentSpec dataset, string configDirectory, Action<string> log) =>
            new GlyphImageSource().Load(dataset, configDirectory, log) is { } images ? images with { Test = [] } : null;
    }

    [Fact]
    public void A_failing_chart_is_logged_and_the_rest_of_the_report_is_written()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var log = new List<string>();

        var result = ReportWriter.Write(directory, log.Add, new NoTestImages());

        var failure = Assert.Single(result.FailedCharts);
        Assert.Equal("best_run_misclassified.png", failure.FileName);
        Assert.Contains("no images", failure.Reason);
        Assert.Contains(log, l => l.Contains("best_run_misclassified.png failed"));
        Assert.False(File.Exists(Path.Combine(result.ReportDirectory, "best_run_misclassified.png")));
        Assert.Equal(8, result.FilesWritten.Count(f => f.EndsWith(".png")));
        Assert.Contains("chart best_run_misclassified.png failed", File.ReadAllText(Path.Combine(result.ReportDirectory, "report.md")));
    }

    /// <summary>A best run at 100% test accuracy gave "chart ... failed: InvalidOperationException", in report.md too.</summary>
    [Fact]
    public void A_best_run_without_a_misclassified_image_draws_no_grid_and_reports_no_failure()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        foreach (var predictions in Directory.GetFiles(directory, "test_predictions.csv", SearchOption.AllDirectories))
            File.WriteAllLines(predictions, File.ReadAllLines(predictions).Select((line, i) =>
                i == 0 ? line : string.Join(",", line.Split(',')[0], line.Split(',')[1], line.Split(',')[1])));
        var log = new List<string>();

        var result = ReportWriter.Write(directory, log.Add, new GlyphImageSource());

        Assert.Empty(result.FailedCharts);
        Assert.DoesNotContain(log, l => l.Contains("chart"));
        Assert.DoesNotContain("InvalidOperationException", File.ReadAllText(Path.Combine(result.ReportDirectory, "report.md")));
        Assert.DoesNotContain("chart best_run_misclassified.png failed", File.ReadAllText(Path.Combine(result.ReportDirectory, "report.md")));
        Assert.False(File.Exists(Path.Combine(result.ReportDirectory, "best_run_misclassified.png")));
        Assert.True(File.Exists(Path.Combine(result.ReportDirectory, "best_run_confusion_matrix.png")));
    }

    [Fact]
    public void Without_images_the_report_draws_everything_else()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture { Validation = false }.Write(temp.Path);
        File.WriteAllText(Path.Combine(directory, "sweep.json"),
            File.ReadAllText(Path.Combine(directory, "sweep.json")).Replace("val_accuracy", "test_accuracy"));

        var result = ReportWriter.Write(directory, _ => { }, images: null);

        Assert.Empty(result.FailedCharts);
        var charts = result.FilesWritten.Where(f => f.EndsWith(".png")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["best_run_confusion_matrix.png", "final_test_accuracy_by_activation.png", "final_test_accuracy_by_configuration.png",
            "final_test_accuracy_by_optimizer.png", "heatmap_test_accuracy_optimizer_x_activation.png",
            "learning_curves_accuracy.png", "learning_curves_loss.png"], charts);
        foreach (var png in result.FilesWritten.Where(f => f.EndsWith(".png"))) PngAssert.Readable(png);
    }

    [Fact]
    public void Redrawing_removes_charts_that_no_longer_apply()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var report = Path.Combine(directory, "report");
        Directory.CreateDirectory(report);
        File.WriteAllBytes(Path.Combine(report, "heatmap_val_accuracy_old_x_axis.png"), [1, 2, 3]);

        ReportWriter.Write(directory, _ => { }, images: null);

        Assert.False(File.Exists(Path.Combine(report, "heatmap_val_accuracy_old_x_axis.png")));
    }
}
