using System.Globalization;
using Runner.Planning;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Planning.Constraints;

/// <summary>
/// A constraint on parameters is known before training: real sweeps (a grid and a TPE search) never train a point
/// that breaks it. The runs on disk say so: no folder of an infeasible point, and every recorded run within the bound.
/// An MLP 784-u-10 has 795 u + 10 parameters, so "parameters &lt;= 60000" keeps u &lt;= 75.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ConstraintRunTests
{
    const string Data = "data: {dataset: mnist, validation_split: 0.1, train_limit: 2000, test_limit: 200}";
    const string Train = "train: {optimizer: {name: sgd, learning_rate: \"${lr}\"}, epochs: 1, batch_size: 64, seed: 1, threads: 1}";
    const int Bound = 60000;

    static IReadOnlyList<(string Directory, long Parameters)> Recorded(string dir) =>
        new Runner.Recording.RunsTable(Path.Combine(dir, "runs.csv")).Read()
            .Select(row => (row["directory"], long.Parse(row["parameters"], CultureInfo.InvariantCulture))).ToList();

    [Fact]
    public void A_grid_never_trains_a_point_above_the_bound_and_plan_says_what_it_removed()
    {
        using var sweep = new SweepFolder($$$"""
            name: constrainedgrid
            {{{Data}}}
            {{{ModelYaml.Mlp("\"${units}\"")}}}
            {{{Train}}}
            sweep:
              units: [8, 64, 256]
              lr: [0.05, 0.1]
              constraints: ["parameters <= {{{Bound}}}"]
            """);
        var (code, plan) = RunnerProcess.Run(["plan", sweep.File, "--results", sweep.Results, "--no-estimate"]);
        Assert.True(code == 0, plan);
        Assert.Contains("Constraints known before training: 2 point(s) removed from the plan, never trained (2 with parameters above 60000)", plan);

        sweep.Train();
        var runs = Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Select(Path.GetFileName).ToList();
        Assert.Equal(4, runs.Count);
        Assert.DoesNotContain(runs, r => r!.StartsWith("units=256", StringComparison.Ordinal));
        var recorded = Recorded(sweep.Dir);
        Assert.Equal(4, recorded.Count);
        Assert.All(recorded, r => Assert.InRange(r.Parameters, 1, Bound));
        Assert.Contains(recorded, r => r.Parameters == 795 * 64 + 10);
    }

    [Fact]
    public void A_memory_constraint_removes_the_wide_model_and_runs_csv_records_the_estimate_the_plan_judged()
    {
        // At batch 64, MLP 784-u-10 needs about 1.6 MiB to train with u = 64 and 13 MiB with u = 1024
        // (16 bytes a parameter: weights, gradients, two optimizer slots; plus the activations).
        using var sweep = new SweepFolder($$$"""
            name: memorygrid
            {{{Data}}}
            {{{ModelYaml.Mlp("\"${units}\"")}}}
            {{{Train}}}
            report: {objectives: {val_accuracy: max, memory_mb: min}}
            sweep:
              units: [8, 64, 1024]
              lr: [0.1]
              constraints: ["memory_mb <= 5"]
            """) { Report = true };
        var (code, plan) = RunnerProcess.Run(["plan", sweep.File, "--results", sweep.Results, "--no-estimate"]);
        Assert.True(code == 0, plan);
        Assert.Contains("Constraints known before training: 1 point(s) removed from the plan, never trained (1 with memory_mb above 5)", plan);

        sweep.Train();
        var runs = Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Select(Path.GetFileName).ToList();
        Assert.Equal(2, runs.Count);
        Assert.DoesNotContain(runs, r => r!.StartsWith("units=1024", StringComparison.Ordinal));
        var loaded = ExperimentLoader.Load(sweep.File, [], TestExperiments.Options).Experiment!;
        var rows = new Runner.Recording.RunsTable(Path.Combine(sweep.Dir, "runs.csv")).Read();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            var run = loaded.Runs.Single(r => r.DirectoryName == row["directory"]);
            double recorded = double.Parse(row["memory_mb"], CultureInfo.InvariantCulture);
            Assert.Equal(PlannedFacts.MemoryMb(run), recorded);
            Assert.InRange(recorded, 0.1, 5);
        }
        // The report's front is drawn on the recorded estimate: the narrow model needs less memory.
        var report = File.ReadAllText(Path.Combine(sweep.Dir, Runner.Results.ResultsLayout.ReportFolder, Runner.Reporting.ReportWriter.MarkdownFile));
        Assert.Contains("memory_mb", report);
    }

    [Fact]
    public void A_TPE_search_draws_again_rather_than_train_a_point_above_the_bound()
    {
        // Units up to 512: about 3 of every 4 uniform draws break the bound.
        using var sweep = new SweepFolder($$$"""
            name: constrainedtpe
            {{{Data}}}
            {{{ModelYaml.Mlp("\"${units}\"")}}}
            {{{Train}}}
            report: {objectives: {val_accuracy: max, parameters: min}}
            sweep:
              tpe: {trials: 7, startup: 3, seed: 2, lr: {loguniform: [0.001, 0.3]}, units: {int: [8, 512]}}
              constraints: ["parameters <= {{{Bound}}}"]
            """);
        sweep.Train();
        var recorded = Recorded(sweep.Dir);
        Assert.Equal(7, recorded.Count);
        Assert.Equal(7, Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Length);
        Assert.All(recorded, r => Assert.InRange(r.Parameters, 1, Bound));
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(sweep.Dir));
        Assert.Equal(7, proposals.Count);
        Assert.All(proposals.Where(p => !p.Startup), p => Assert.StartsWith("multi-objective TPE on val_accuracy (max) and parameters (min)", p.Reason));
        // Drawn again somewhere: at least one proposal (or startup point) had to be, with 3 in 4 of the space above the bound.
        var loaded = ExperimentLoader.Load(sweep.File, [], TestExperiments.Options).Experiment!;
        Assert.True(loaded.Feasible!.Redrawn > 0 || proposals.Any(p => p.Reason.Contains("drawn ", StringComparison.Ordinal)),
            string.Join("\n", proposals.Select(p => p.Reason)));
    }
}
