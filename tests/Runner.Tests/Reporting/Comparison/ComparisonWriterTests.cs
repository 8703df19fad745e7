using System.Globalization;
using global::Runner.Reporting;

namespace Runner.Tests.Reporting.Comparison;

public class ComparisonWriterTests
{
    [Fact]
    public void Two_sweeps_are_joined_on_configuration_with_both_best_curves_on_one_chart()
    {
        using var temp = new TempFolder();
        var a = new ResultsFixture().Write(temp.Path);
        var b = new ResultsFixture { Name = "optimizers_wide", Optimizers = ["rmsprop", "adam", "adagrad"], Shift = 0.02, RandomSeed = 11 }.Write(temp.Path);
        var output = Path.Combine(temp.Path, "comparison");

        var (result, _) = ComparisonWriter.Write(a, b, output, _ => { });

        Assert.Empty(result.FailedCharts);
        Assert.Equal(["comparison.csv", "comparison.html", "comparison.md", "comparison_learning_curves_accuracy.png",
                "comparison_learning_curves_loss.png", "comparison_val_accuracy_by_configuration.png"],
            result.FilesWritten.Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        foreach (var png in result.FilesWritten.Where(f => f.EndsWith(".png"))) PngAssert.Readable(png);

        var csv = File.ReadAllLines(Path.Combine(output, "comparison.csv"));
        Assert.Equal("configuration,a_rank,a_n,a_val_accuracy_mean,a_val_accuracy_ci95_low,a_val_accuracy_ci95_high," +
            "b_rank,b_n,b_val_accuracy_mean,b_val_accuracy_ci95_low,b_val_accuracy_ci95_high,difference_b_minus_a,p_value,verdict", csv[0]);
        Assert.Equal(1 + 8, csv.Length);   // 4 shared configurations, 2 only in each
        Assert.Equal(2, csv.Count(l => l.EndsWith(",only in optimizers")));
        Assert.Equal(2, csv.Count(l => l.EndsWith(",only in optimizers_wide")));
        // Every accuracy is 2 points higher in the second sweep, far above the seed noise.
        var adamRelu = csv.Single(l => l.StartsWith("\"optimizer=adam,activation=relu\""));
        Assert.EndsWith(",optimizers_wide better at 0.05", adamRelu);
        var difference = double.Parse(adamRelu.Split(',')[^3], CultureInfo.InvariantCulture);
        Assert.InRange(difference, 0.01, 0.03);

        var md = File.ReadAllText(Path.Combine(output, "comparison.md"));
        Assert.StartsWith("# Comparison: optimizers vs optimizers_wide", md);
        Assert.Contains("Best against best: optimizers_wide better at 0.05", md);
    }

    [Fact]
    public void The_same_experiment_in_two_folders_is_told_apart_by_folder_name()
    {
        using var temp = new TempFolder();
        var a = new ResultsFixture().Write(Path.Combine(temp.Path, "monday"));
        var b = new ResultsFixture { RandomSeed = 8 }.Write(Path.Combine(temp.Path, "tuesday"));
        Directory.Move(a, a + "_monday");
        Directory.Move(b, b + "_tuesday");

        var (result, _) = ComparisonWriter.Write(a + "_monday", b + "_tuesday", Path.Combine(temp.Path, "out"), _ => { });

        var md = File.ReadAllText(result.FilesWritten.Single(f => f.EndsWith(".md")));
        Assert.StartsWith("# Comparison: optimizers_monday vs optimizers_tuesday", md);
        // Same generator, other noise: no configuration should differ significantly... except by chance; most must not.
        var csv = File.ReadAllLines(result.FilesWritten.Single(f => f.EndsWith(".csv")));
        Assert.True(csv.Count(l => l.EndsWith(",not distinguishable at 0.05")) >= 4);
    }
}
