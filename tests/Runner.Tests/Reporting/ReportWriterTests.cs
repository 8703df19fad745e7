using System.Text.RegularExpressions;
using global::Runner.Reporting;

namespace Runner.Tests.Reporting;

/// <summary>One report of the standard fixture, drawn once for all the tests below (charts take a second).</summary>
public sealed class WrittenReport : IDisposable
{
    readonly TempFolder _temp = new();
    public List<string> Log { get; } = [];
    public ReportResult Result { get; }
    public string Directory { get; }
    internal GlyphImageSource Images { get; } = new();

    public WrittenReport()
    {
        Directory = new ResultsFixture().Write(_temp.Path);
        Result = ReportWriter.Write(Directory, Log.Add, Images);
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(Result.ReportDirectory, file));
    public void Dispose() => _temp.Dispose();
}

public class ReportWriterTests(WrittenReport report) : IClassFixture<WrittenReport>
{
    static readonly string[] ExpectedCharts =
    [
        "learning_curves_loss.png", "learning_curves_accuracy.png",
        "final_val_accuracy_by_configuration.png", "final_val_accuracy_by_optimizer.png", "final_val_accuracy_by_activation.png",
        "heatmap_val_accuracy_optimizer_x_activation.png",
        "best_run_confusion_matrix.png", "best_run_misclassified.png", "dataset_samples.png",
    ];

    [Fact]
    public void Writes_every_chart_and_table_into_the_report_folder()
    {
        Assert.Empty(report.Result.FailedCharts);
        Assert.Equal(Path.Combine(report.Directory, "report"), report.Result.ReportDirectory);
        var names = report.Result.FilesWritten.Select(f => Path.GetFileName(f)).ToArray();
        Assert.Equal(ExpectedCharts.Concat(["leaderboard.csv", "axis_effects.csv", "report.md", "report.html"]).Order(StringComparer.Ordinal),
            names.Order(StringComparer.Ordinal));
        Assert.All(report.Result.FilesWritten, f => Assert.True(File.Exists(f), f));
        Assert.Empty(System.IO.Directory.GetFiles(report.Result.ReportDirectory, "*.tmp"));
        Assert.Equal(["fashion_mnist"], report.Images.Requested);
    }

    [Fact]
    public void Every_chart_decodes_to_a_non_blank_image()
    {
        foreach (var png in report.Result.FilesWritten.Where(f => f.EndsWith(".png")))
            PngAssert.Readable(png);
    }

    [Fact]
    public void Markdown_answers_the_question_and_says_what_was_run()
    {
        var md = report.Read("report.md");
        Assert.StartsWith("# Report: optimizers", md);
        Assert.Contains("Best configuration: optimizer=adam,activation=relu, val_accuracy 0.8", md);
        Assert.Contains("Worse than the best at 0.05", md);
        Assert.Contains("experiments/optimizers.yaml", md);
        Assert.Contains("18 (16 done, 1 failed, 1 pruned) in 6 configuration(s)", md);
        Assert.Contains("3m 12s", md);
        Assert.Contains("2 cores, Debian GNU/Linux 12, .NET 10.0.0", md);
        Assert.Contains("TorchSharp 0.107.0", md);
        Assert.Contains("out of memory, at epoch 1", md);
        Assert.Contains("```yaml", md);
        foreach (var chart in ExpectedCharts) Assert.Contains($"]({chart})", md);
        // Every leaderboard row is there, best first.
        var rows = md.Split('\n').Where(l => l.StartsWith("| 1 |") || l.StartsWith("| 6 |")).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Contains("best", rows[0]);
    }

    [Fact]
    public void Html_is_self_contained_with_embedded_charts_and_a_sortable_table()
    {
        var html = report.Read("report.html");
        Assert.Equal(ExpectedCharts.Length, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<table class=\"sortable\">", html);
        Assert.Contains("<script>", html);
        Assert.Contains("addEventListener(\"click\"", html);
        // Numbers sort by value, not text.
        Assert.Matches("<td data-v=\"0\\.8[0-9]+\">0\\.8[0-9]{3} ± 0\\.0[0-9]{3}</td>", html);
        // The embedded PNG is the chart file, byte for byte.
        var embedded = Regex.Match(html, "alt=\"[^\"]*\" src=\"data:image/png;base64,([^\"]+)\"").Groups[1].Value;
        Assert.Equal(File.ReadAllBytes(Path.Combine(report.Result.ReportDirectory, ExpectedCharts[0])), Convert.FromBase64String(embedded));
    }

    [Fact]
    public void Axis_effects_table_lists_each_value_of_each_axis()
    {
        var lines = report.Read("axis_effects.csv").TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("axis,value,n,val_accuracy_mean,val_accuracy_ci95_low,val_accuracy_ci95_high", lines[0]);
        Assert.Equal(["optimizer,sgd,5", "optimizer,rmsprop,5", "optimizer,adam,6", "activation,sigmoid,8", "activation,relu,8"],
            lines.Skip(1).Select(l => string.Join(",", l.Split(',').Take(3))));
    }
}
