using Runner.Config;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config.Binding;

/// <summary>`train.metrics` as components with parameters, and monitors on any recorded metric with its declared direction.</summary>
public class MetricsConfigTests
{
    static string WithMetrics(string metrics, string extra = "") =>
        Mlp.Replace("metrics: [accuracy]", "metrics: " + metrics) + extra;

    [Fact]
    public void Metrics_take_a_name_or_a_mapping_with_their_settings_and_every_default_is_filled_in()
    {
        var e = Assert.Single(Valid(WithMetrics("[accuracy, {name: f1_score, average: weighted}, top_k_accuracy, precision]")).Runs).Experiment;
        Assert.Equal(["accuracy", "f1_score", "top_k_accuracy", "precision"], e.Train.Metrics.Select(m => m.Name));
        Assert.Equal("weighted", e.Train.Metrics[1].Arguments.Text("average"));
        Assert.Equal(5, e.Train.Metrics[2].Arguments.Int("k"));
        Assert.Equal("macro", e.Train.Metrics[3].Arguments.Text("average"));
    }

    [Fact]
    public void The_resolved_config_writes_settings_and_keeps_bare_names_bare()
    {
        var run = Assert.Single(Valid(WithMetrics("[accuracy, {name: top_k_accuracy, k: 3}]")).Runs);
        Assert.Contains("  metrics: [accuracy, {name: top_k_accuracy, k: 3}]\n", run.ResolvedYaml);
        // Loading the resolved config gives the same config (and hash) back.
        Assert.Equal(run.ResolvedYaml, Assert.Single(Valid(run.ResolvedYaml).Runs).ResolvedYaml);
    }

    [Fact]
    public void A_bad_setting_is_answered_with_the_choices_at_its_position()
    {
        var yaml = WithMetrics("[{name: f1_score, average: harmonic}]");
        ErrorAt(Errors(yaml), yaml, "harmonic", "unknown average 'harmonic'", "macro", "micro", "weighted");
        var k = WithMetrics("[{name: top_k_accuracy, k: 0}]");
        ErrorAt(Errors(k), k, "0}", "k");
    }

    [Fact]
    public void A_metric_listed_twice_is_refused_since_it_would_have_one_column()
    {
        var yaml = WithMetrics("[f1_score, {name: f1_score, average: micro}]");
        ErrorAt(Errors(yaml), yaml, "{name: f1_score", "'f1_score' is listed twice");
    }

    [Fact]
    public void An_unknown_metric_gets_a_suggestion()
    {
        var yaml = WithMetrics("[f1score]");
        ErrorAt(Errors(yaml), yaml, "f1score", "unknown metric 'f1score'", "Did you mean 'f1_score'?");
    }

    [Fact]
    public void Early_stopping_pruning_and_the_report_take_any_recorded_metric_with_its_declared_direction()
    {
        var yaml = WithMetrics("[f1_score, balanced_accuracy]",
            "\n  early_stopping: {monitor: val_f1_score, patience: 2}\n" +
            "pruning: {method: median, monitor: val_balanced_accuracy, at_epochs: [1]}\n" +
            "report: {metric: test_f1_score}\n");
        var e = Assert.Single(Valid(yaml).Runs).Experiment;
        Assert.Equal("val_f1_score", e.Train.EarlyStopping!.Monitor);
        Assert.True(e.Train.EarlyStopping.Maximize);
        Assert.True(e.Pruning!.Maximize);
        Assert.Equal("test_f1_score", e.Report.Metric);
        Assert.True(e.Report.Maximize);
        Assert.False(new EarlyStoppingSpec("val_loss", 1, 0, false).Maximize);
    }

    [Fact]
    public void A_val_metric_neither_requested_nor_validated_says_it_needs_a_validation_split()
    {
        var yaml = Mlp.Replace(", validation_split: 0.2, split_seed: 42", "")
            + "\nreport: {metric: val_f1_score}\n";
        ErrorAt(Errors(yaml), yaml, "val_f1_score", "unknown metric 'val_f1_score'",
            "'val_' metrics need a validation set: set data.validation_split", "'f1_score' is not in train.metrics");
    }

    [Fact]
    public void A_metric_that_is_not_requested_can_not_be_monitored()
    {
        var yaml = Mlp + "\n  early_stopping: {monitor: val_f1_score}\n";
        ErrorAt(Errors(yaml), yaml, "val_f1_score", "unknown metric 'val_f1_score'", "val_accuracy");
    }
}
