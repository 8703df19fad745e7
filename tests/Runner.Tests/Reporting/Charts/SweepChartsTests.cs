using global::Runner.Reporting;
using global::Runner.Reporting.Charts;
using global::Runner.Reporting.Documents;
using global::Runner.Reporting.Results;
using global::Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting.Charts;

/// <summary>The charts a report draws depend on the sweep, and say what their whiskers are.</summary>
public class SweepChartsTests
{
    static SweepAnalysis Analyse(string directory) => SweepAnalysis.Of(ResultsTable.Load(directory, _ => { }));

    [Theory]
    [InlineData("tpe")]
    [InlineData("random")]
    public void A_search_gets_the_metric_against_each_parameter_and_best_so_far_not_grid_charts(string kind)
    {
        using var temp = new TempFolder();
        var charts = ChartCatalog.For(Analyse(new SearchResultsFixture { Kind = kind }.Write(temp.Path)), null);

        var scatters = charts.OfType<ParameterScatterChart>().ToDictionary(c => c.FileName);
        Assert.Equal(["final_val_accuracy_vs_lr.png", "final_val_accuracy_vs_units.png"], scatters.Keys.Order());
        Assert.True(scatters["final_val_accuracy_vs_lr.png"].LogScale);       // loguniform
        Assert.False(scatters["final_val_accuracy_vs_units.png"].LogScale);   // int
        Assert.Single(charts.OfType<BestSoFarChart>());
        Assert.Empty(charts.OfType<AxisPairHeatmapChart>());
        Assert.Empty(charts.OfType<AxisEffectChart>());
        Assert.Empty(charts.OfType<ConfigurationBarChart>());
    }

    [Fact]
    public void A_search_report_draws_the_search_charts_and_no_heatmaps_or_effect_table()
    {
        using var temp = new TempFolder();
        var result = ReportWriter.Write(new SearchResultsFixture().Write(temp.Path), _ => { }, null);

        var names = result.FilesWritten.Select(Path.GetFileName).ToArray();
        foreach (var name in new[] { "final_val_accuracy_vs_lr.png", "final_val_accuracy_vs_units.png", "best_val_accuracy_by_trial.png" })
            PngAssert.Readable(Path.Combine(result.ReportDirectory, name));
        Assert.DoesNotContain(names, n => n!.StartsWith("heatmap_", StringComparison.Ordinal) || n.Contains("_by_lr"));
        Assert.DoesNotContain("Effect of each axis", File.ReadAllText(Path.Combine(result.ReportDirectory, ReportWriter.MarkdownFile)));
    }

    [Fact]
    public void A_grid_keeps_its_charts_and_gets_no_search_charts()
    {
        using var temp = new TempFolder();
        var charts = ChartCatalog.For(Analyse(new ResultsFixture().Write(temp.Path)), null);

        Assert.Single(charts.OfType<ConfigurationBarChart>());
        Assert.Equal(2, charts.OfType<AxisEffectChart>().Count());
        Assert.Single(charts.OfType<AxisPairHeatmapChart>());
        Assert.Empty(charts.OfType<ParameterScatterChart>());
        Assert.Empty(charts.OfType<BestSoFarChart>());
    }

    [Fact]
    public void A_log_uniform_parameter_is_drawn_on_a_log_axis_sorted_by_value()
    {
        using var temp = new TempFolder();
        var analysis = Analyse(new SearchResultsFixture().Write(temp.Path));
        var chart = ChartCatalog.For(analysis, null).OfType<ParameterScatterChart>().Single(c => c.LogScale);

        var plot = chart.Draw();
        plot.RenderInMemory(ParameterScatterChart.ChartWidth, ParameterScatterChart.ChartHeight);

        // Ticks at powers of ten, labelled with the value; each point at log10 of its trial's lr.
        var ticks = ChartLayout.TickLabels(plot.Axes.Bottom);
        Assert.Contains("0.001", ticks);
        Assert.Contains("0.01", ticks);
        Assert.Contains("0.1", ticks);
        Assert.Contains("log scale", plot.Axes.Title.Label.Text);
        var xs = plot.GetPlottables<ScottPlot.Plottables.Marker>().Select(m => m.Location.X).ToArray();
        var lrs = analysis.Table.Runs.Select(r => Math.Log10(double.Parse(r.AxisValue("lr"), System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var lr in lrs) Assert.Contains(xs, x => Math.Abs(x - lr) < 1e-9);
    }

    [Fact]
    public void Best_so_far_is_the_running_best_in_trial_order()
    {
        var run = new RunResult("r", [], "done", new Dictionary<string, double>(), "", "", "", "", [], null);
        var trials = new[] { 0.5, 0.7, 0.6, 0.8, 0.1 }.Select((v, i) => new SearchTrial(i + 1, run, v)).ToArray();

        Assert.Equal([0.5, 0.7, 0.7, 0.8, 0.8], BestSoFarChart.BestSoFar(trials, maximize: true).Select(s => s.Best));
        Assert.Equal([0.5, 0.5, 0.5, 0.5, 0.1], BestSoFarChart.BestSoFar(trials, maximize: false).Select(s => s.Best));
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, "min-max, 2 seeds")]
    [InlineData(new[] { 1, 2, 3 }, "95% CI")]
    [InlineData(new[] { 1 }, "single runs, no whiskers")]
    public void Whiskers_are_named_as_what_they_are(int[] seeds, string band)
    {
        using var temp = new TempFolder();
        var analysis = Analyse(new ResultsFixture { Seeds = seeds, WithFailedAndPruned = false }.Write(temp.Path));
        var chart = ChartCatalog.For(analysis, null).OfType<ConfigurationBarChart>().Single();

        Assert.Equal(band, chart.BandName);
        Assert.EndsWith($"whiskers = {band}", chart.Caption);
        Assert.Contains(band, chart.Draw().Axes.Title.Label.Text);
        if (band != "95% CI") Assert.DoesNotContain("95% CI", chart.Caption + chart.Draw().Axes.Title.Label.Text);
    }

    [Fact]
    public void Value_labels_of_the_marginal_and_configuration_charts_stay_inside_the_data_area()
    {
        using var temp = new TempFolder();
        var charts = ChartCatalog.For(Analyse(new ResultsFixture().Write(temp.Path)), null);

        foreach (var chart in charts.OfType<AxisEffectChart>())
            Assert.Empty(ChartLayout.LabelsOutsideDataArea(chart.Draw(), AxisEffectChart.ChartWidth, AxisEffectChart.ChartHeight));
        var configurations = charts.OfType<ConfigurationBarChart>().Single();
        Assert.Empty(ChartLayout.LabelsOutsideDataArea(configurations.Draw(), 1100, 650));
    }

    [Fact]
    public void The_marginal_chart_shows_and_says_that_relu_wins_within_every_optimizer()
    {
        // The fixture's relu beats sigmoid under each optimizer by 0.004 to 0.04, while the optimizer moves
        // the accuracy by up to 0.07: the marginal means pool that and overlap.
        using var temp = new TempFolder();
        var analysis = Analyse(new ResultsFixture().Write(temp.Path));
        var chart = ChartCatalog.For(analysis, null).OfType<AxisEffectChart>().Single(c => c.FileName.EndsWith("_by_activation.png"));

        var interaction = AxisInteraction.Strongest(analysis, "activation")!;
        Assert.Equal("optimizer", interaction.Other);
        Assert.Equal(["relu", "relu", "relu"], interaction.WinnerPerLevel(maximize: true));
        Assert.Contains("activation = relu is best within every optimizer (3 of 3)", chart.Caption);
        // One line per optimizer beside the pooled points.
        Assert.Equal(3, chart.Draw().GetPlottables<ScottPlot.Plottables.Scatter>().Count());

        var document = SweepReportDocument.Build(analysis, [], []);
        Assert.Contains(document.Blocks.OfType<BulletList>().SelectMany(l => l.Items),
            i => i.StartsWith("activation = relu is best within every optimizer", StringComparison.Ordinal));
    }

    [Fact]
    public void An_interaction_is_said_level_by_level()
    {
        using var temp = new TempFolder();
        var analysis = Analyse(new ResultsFixture().Write(temp.Path));
        // adam is best under both activations; sgd is worst under both: no interaction for optimizer.
        Assert.StartsWith("optimizer = adam is best within every activation (2 of 2)",
            AxisInteraction.Strongest(analysis, "optimizer")!.Describe(maximize: true));
        // For the loss (lower is better) the same data name the same winner.
        Assert.Equal(["relu", "relu", "relu"], AxisInteraction.Strongest(analysis, "activation")!.WinnerPerLevel(maximize: true));
    }

    [Fact]
    public void The_html_leaderboard_puts_the_verdict_beside_the_configuration_and_has_no_fixed_width()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);

        var result = ReportWriter.Write(directory, _ => { }, null);

        var html = File.ReadAllText(Path.Combine(result.ReportDirectory, ReportWriter.HtmlFile));
        var header = System.Text.RegularExpressions.Regex.Match(html, "<thead><tr>\\s*(.*?)</tr>").Groups[1].Value;
        var columns = System.Text.RegularExpressions.Regex.Matches(header, "<th>(.*?)</th>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["rank", "configuration", "val_accuracy", "p vs best", "verdict", "runs"], columns.Take(6));
        Assert.DoesNotContain("max-width: 1200px", html);
        Assert.DoesNotContain("white-space: nowrap; }", html.Replace("th { white-space: nowrap; }", ""));
        // Still one file: every figure inline, nothing fetched.
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("src=\"data:image/png;base64,", html);
    }
}
