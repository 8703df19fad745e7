using Runner.Recording;
using Runner.Reporting.Results;

namespace Runner.Tests.Recording;

public sealed class ExperimentFolderObjectivesTests
{
    [Fact]
    public void Sweep_json_records_the_report_objectives_and_the_report_reads_them_back()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["pareto.yaml"], TestExperiments.Mlp + "\nreport: {objectives: {val_accuracy: max, train_seconds: min}}\n");
        var experiment = TestExperiments.Valid(File.ReadAllText(temp["pareto.yaml"])) with { SourcePath = temp["pareto.yaml"] };
        new ExperimentFolder(temp["results/mlp"]).Begin(experiment, jobs: 1, DateTime.UtcNow);

        var sweep = SweepInfoReader.Read(temp["results/mlp/sweep.json"], "mlp", warning => Assert.Fail(warning));
        Assert.Equal([("val_accuracy", true), ("train_seconds", false)], sweep.Objectives.Select(o => (o.Name, o.Maximize)));
    }

    [Fact]
    public void Without_objectives_sweep_json_is_as_before()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["mlp.yaml"], TestExperiments.Mlp);
        var experiment = TestExperiments.Valid(TestExperiments.Mlp) with { SourcePath = temp["mlp.yaml"] };
        new ExperimentFolder(temp["results/mlp"]).Begin(experiment, jobs: 1, DateTime.UtcNow);
        Assert.DoesNotContain("objectives", File.ReadAllText(temp["results/mlp/sweep.json"]));
    }

    [Theory]
    [InlineData("val_accuracy\\u001b]52;c;ZWNobyBvd25lZA==\\u0007")]   // a terminal escape (OSC 52 writes the clipboard)
    [InlineData("val accuracy")]
    public void A_planted_objective_name_that_no_config_accepts_is_set_aside_with_a_warning(string name)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["sweep.json"], "{\"name\": \"mlp\", \"objectives\": {\"" + name + "\": \"max\", \"parameters\": \"min\"}}");
        var warnings = new List<string>();

        var sweep = SweepInfoReader.Read(temp["sweep.json"], "mlp", warnings.Add);

        Assert.Empty(sweep.Objectives);
        Assert.Contains("the report has no Pareto front", Assert.Single(warnings), StringComparison.Ordinal);
    }
}
