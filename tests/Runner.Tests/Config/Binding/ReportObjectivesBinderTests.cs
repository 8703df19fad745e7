using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Config.Binding;

public sealed class ReportObjectivesBinderTests
{
    static readonly string Mlp = TestExperiments.Mlp.Replace("metrics: [accuracy]", "metrics: [accuracy, f1_score]");

    [Fact]
    public void Objectives_name_recorded_metrics_and_run_facts_each_with_its_direction()
    {
        var report = Assert.Single(Valid(Mlp + "\nreport: {objectives: {val_accuracy: max, parameters: min, train_seconds: min, test_f1_score: max}}\n").Runs).Experiment.Report;
        Assert.Equal([("val_accuracy", true), ("parameters", false), ("train_seconds", false), ("test_f1_score", true)],
            report.Objectives.Select(o => (o.Name, o.Maximize)));
        Assert.Equal("val_accuracy", report.Metric);
    }

    [Fact]
    public void Objectives_leave_a_runs_resolved_config_and_hash_as_they_were()
    {
        var plain = Assert.Single(Valid(Mlp).Runs);
        var withObjectives = Assert.Single(Valid(Mlp + "\nreport: {objectives: {val_accuracy: max, parameters: min}}\n").Runs);
        Assert.Equal(plain.ResolvedYaml, withObjectives.ResolvedYaml);
        Assert.Equal(plain.Hash, withObjectives.Hash);
        Assert.Empty(plain.Experiment.Report.Objectives);
    }

    [Fact]
    public void An_unknown_objective_is_refused_where_it_is_written_with_the_known_names()
    {
        var yaml = Mlp + "\nreport: {objectives: {val_acuracy: max, params: min}}\n";
        var errors = Errors(yaml);
        ErrorAt(errors, yaml, "val_acuracy", "report.objectives.val_acuracy: unknown objective 'val_acuracy'", "Did you mean 'val_accuracy'?");
        ErrorAt(errors, yaml, "params", "unknown objective 'params'", "parameters");
    }

    [Fact]
    public void A_metric_keeps_the_direction_it_declares()
    {
        var yaml = Mlp + "\nreport: {objectives: {val_loss: max, parameters: min}}\n";
        var (line, column) = Where(yaml, "max", after: "val_loss");
        ErrorAt(Errors(yaml), line, column, "report.objectives.val_loss: for val_loss lower is better, as the metric declares; write `val_loss: min`");
    }

    [Theory]
    [InlineData("{val_accuracy: max}", "{val_accuracy", "needs 2 to 4 objectives, got 1")]
    [InlineData("{val_accuracy: max, parameters: smallest}", "smallest", "expected max or min, got 'smallest'")]
    [InlineData("[val_accuracy, parameters]", "[val_accuracy", "expected a mapping of objectives to max or min")]
    public void Malformed_objectives_are_refused_with_what_would_be_right(string objectives, string at, string words)
    {
        var yaml = Mlp + $"\nreport: {{objectives: {objectives}}}\n";
        ErrorAt(Errors(yaml), yaml, at, words);
    }
}
