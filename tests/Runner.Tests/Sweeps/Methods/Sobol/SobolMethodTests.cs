using System.Text.Json.Nodes;
using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Methods;
using Runner.Sweeps.Methods.Sobol;
using static Runner.Tests.TestExperiments;

namespace Runner.Tests.Sweeps.Methods.Sobol;

/// <summary>`sobol:` sweeps: real (small) training on the synthetic dataset through the real sweep runner.</summary>
[Collection(TorchCollection.Name)]
public sealed class SobolMethodTests
{
    const string Yaml = """
        name: sobol
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: "${act}"}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 1, threads: 1}
        sweep:
          sobol: {samples: 4, seed: 7, lr: {loguniform: [0.0001, 0.5]}, units: {int: [8, 64]}, act: [relu, tanh]}
          repeats: 2
        """;

    /// <summary>What the plan must hold: point k of the scrambled sequence of seed 7, mapped through the space, as config text.</summary>
    static List<(string, string)[]> Expected(ulong seed, int samples)
    {
        var lr = new NumberDimension("lr", 0.0001, 0.5, Log: true, Integer: false);
        var units = new NumberDimension("units", 8, 64, Log: false, Integer: true);
        var sequence = new SobolSequence(3, seed);
        return Enumerable.Range(0, samples).Select(k =>
        {
            var p = UnitCubeMapping.Point([lr, units, new ChoiceDimension("act", 2)], sequence.Point(k));
            return new[]
            {
                ("lr", YamlTextOf(AxisDistribution.Rounded(p[0]))),
                ("units", ((long)Math.Round(p[1])).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("act", p[2] == 0 ? "relu" : "tanh"),
            };
        }).ToList();
    }

    static string YamlTextOf(double value) => Runner.Config.Yaml.YamlText.Double(value);

    static IEnumerable<(string, string)> Searched(PlannedRun run) =>
        run.AxisValues.Where(a => a.Key != "seed").Select(a => (a.Key, a.Value));

    [Fact]
    public void A_sobol_sweep_trains_the_sequences_points_crossed_with_repeats_and_records_its_shape()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml);
        Assert.IsType<SobolMethod>(SweepMethods.Of(experiment));
        var expected = Expected(7, 4);
        Assert.Equal(8, experiment.Runs.Count);
        var points = experiment.Runs.Select(r => Searched(r).ToArray()).DistinctBy(p => string.Join(",", p)).ToList();
        Assert.Equal(expected, points);
        Assert.Equal(8, experiment.Runs.Select(r => r.DirectoryName).Distinct().Count());
        Assert.Equal(["1", "2"], experiment.Runs.Select(r => r.AxisValues.Single(a => a.Key == "seed").Value).Distinct().Order());

        var result = h.Run(experiment, jobs: 1);
        Assert.Equal(experiment.Runs.Select(r => r.DirectoryName).Order(), result.Runs.Select(r => r.Run.DirectoryName).Order());
        Assert.Equal(8, new RunsTable(h.Folder(experiment).RunsCsv).Read().Count);
        foreach (var run in experiment.Runs) // the trained config holds the point's value
            Assert.Contains($"learning_rate: {run.AxisValues.Single(a => a.Key == "lr").Value}", File.ReadAllText(Path.Combine(h.Folder(experiment).Run(run).Path, "config.yaml")));

        var space = JsonNode.Parse(File.ReadAllText(Path.Combine(h.Folder(experiment).Path, "sweep.json")))!["space"]!;
        Assert.Equal("sobol", (string?)space["kind"]);
        Assert.True((bool)space["search"]!);
        Assert.Equal(["lr"], space["log"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void The_plan_is_the_same_for_a_seed_and_another_for_another_seed()
    {
        var once = Valid(Yaml).Runs.Select(r => r.DirectoryName).ToList();
        Assert.Equal(once, Valid(Yaml).Runs.Select(r => r.DirectoryName));
        var other = Valid(Yaml.Replace("seed: 7", "seed: 8")).Runs.Select(r => Searched(r).ToArray()).DistinctBy(p => string.Join(",", p)).ToList();
        Assert.Equal(Expected(8, 4), other);
        Assert.NotEqual(Expected(7, 4), other);
    }

    [Fact]
    public void A_resumed_sweep_trains_only_the_deleted_runs_and_keeps_its_plan()
    {
        using var h = new SweepHarness();
        var yaml = Yaml.Replace("repeats: 2", "repeats: 1");
        var experiment = h.Load(yaml);
        h.Run(experiment, jobs: 1);
        var folder = h.Folder(experiment);
        var plan = folder.LastPlan();
        var deleted = experiment.Runs[2];
        Directory.Delete(folder.Run(deleted).Path, recursive: true);

        var again = h.Load(yaml);
        var result = h.Run(again, jobs: 1);
        Assert.Equal([deleted.DirectoryName], result.Runs.Select(r => r.Run.DirectoryName));
        Assert.Equal(plan, folder.LastPlan());
    }

    [Fact]
    public void Bad_sobol_sections_are_refused_where_they_are_wrong()
    {
        var template = Yaml.Replace("          repeats: 2\n", "");
        var zero = template.Replace("samples: 4", "samples: 0");
        ErrorAt(Errors(zero), zero, "0, seed", "samples");
        var missing = template.Replace("samples: 4, ", "");
        ErrorAt(Errors(missing), missing, "{seed", "samples");
        var typo = template.Replace("seed: 7", "sed: 7");
        ErrorAt(Errors(typo), typo, "7, lr", "sweep.sobol.sed", "distribution");
        var flat = template.Replace("act: [relu, tanh]", "act: relu");
        ErrorAt(Errors(flat), flat, "relu}", "sweep.sobol.act");
    }

    [Fact]
    public void Plan_notes_a_sample_count_that_is_not_a_power_of_two()
    {
        var balanced = Valid(Yaml);
        var lines = SweepMethods.Of(balanced).Describe(balanced, balanced.Runs).ToList();
        Assert.Contains("first 4 points of a scrambled Sobol' sequence (seed 7) over 3 axes", Assert.Single(lines));
        var six = Valid(Yaml.Replace("samples: 4", "samples: 6"));
        Assert.Equal(12, six.Runs.Count);
        Assert.Contains("6 is not a power of two", string.Join("\n", SweepMethods.Of(six).Describe(six, six.Runs)));
        Assert.Contains("samples: 4 or 8", string.Join("\n", SweepMethods.Of(six).Describe(six, six.Runs)));
    }
}
