using Runner.Results;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;

namespace Runner.Tests.Sweeps.Methods.Race;

/// <summary>A real race: real (small) training on the synthetic dataset, through the real sweep runner.</summary>
[Collection(TorchCollection.Name)]
public sealed class RacingSweeperTests
{
    const string Yaml = $$$"""
        name: race
        data: {dataset: synthetic, train_samples: 600, test_samples: 100, validation_split: 0.2}
        {{{ModelYaml.Softmax}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 2, seed: ${seed}, threads: 1}
        report: {metric: val_loss}
        sweep:
          lr: [0.1, 0.000001, 0.05]
          race: {first: 3, max_seeds: 5, alpha: 0.05}
        """;

    [Fact]
    public void A_hopeless_configuration_runs_only_the_first_seeds_and_the_race_is_journaled()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml);
        Assert.Equal(15, experiment.Runs.Count); // the plan holds max_seeds seeds of each configuration
        Assert.IsType<RaceSpec>(experiment.Method);

        var labels = RacingSweeper.Configurations(experiment.Runs).Select(c => c.Label).ToList();
        string tiny = labels[1];
        var result = h.Run(experiment, jobs: 2);

        var rounds = RaceJournal.Rounds(DecisionJournal.Read(h.Folder(experiment).Path)).Select(r => r.Entry).ToList();
        Assert.Equal(RaceJournal.Question(3), rounds[0].Question);
        var out1 = rounds[0].Decisions.Where(d => d.Kind == Decision.Eliminate).Select(d => d.Subject).ToList();
        Assert.Contains(tiny, out1);
        Assert.All(rounds[0].Decisions.Where(d => d.Kind == Decision.Eliminate), d => Assert.True(d.PValue <= 0.05));
        Assert.Contains(rounds[^1].Decisions, d => d.Kind == Decision.Stop);

        // Every run trained belongs to the race: seeds 1..3 of all, one more per round for the survivors.
        var ran = result.Runs.Select(r => r.Run).ToList();
        Assert.Equal(3, ran.Count(r => RacingSweeper.LabelOf(r) == tiny));
        int lastRoundSeeds = 3 + rounds.Count - 1;
        var finalists = new[] { labels[0], labels[2] }.Where(l => !rounds.SelectMany(e => e.Decisions).Any(d => d.Kind == Decision.Eliminate && d.Subject == l));
        foreach (var label in finalists) Assert.Equal(lastRoundSeeds, ran.Count(r => RacingSweeper.LabelOf(r) == label));
        Assert.True(ran.Count < 15);
        Assert.Equal(ran.Count, new RunsTable(h.Folder(experiment).RunsCsv).Read().Count);
        Assert.All(result.Runs, r => Assert.Equal(RunStatus.Done, r.Outcome.Status));

        // The report draws the race by round (from the journal and the runs) beside its table.
        var report = Runner.Reporting.ReportWriter.Write(h.Folder(experiment).Path, _ => { }, images: null, SweepReportParts.All);
        var chart = Path.Combine(h.Folder(experiment).ReportDirectory, "race_val_loss_by_round.png");
        Assert.True(File.Exists(chart) && new FileInfo(chart).Length > 10_000, string.Join("\n", report.FailedCharts));
        var markdown = File.ReadAllText(Path.Combine(h.Folder(experiment).ReportDirectory, "report.md"));
        Assert.Contains("](race_val_loss_by_round.png)", markdown);
        Assert.Contains("\n## Race\n", markdown);   // the race's section, handed to the report through SweepReportParts
        Assert.Contains("The race ended: ", markdown);
    }

    [Fact]
    public void Refused_together_with_pruning_and_with_repeats()
    {
        using var h = new SweepHarness();
        var file = Path.Combine(Path.GetTempPath(), $"race-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(file, Yaml.Replace("report: {metric: val_loss}", "report: {metric: val_loss}\npruning: {method: median, at_epochs: [1]}"));
            var errors = Runner.Planning.ExperimentLoader.Load(file, [], Runner.Cli.Loading.Options(1000)).Errors;
            Assert.Contains(errors, e => e.Message.Contains("pruned runs don't have"));
            File.WriteAllText(file, Yaml.Replace("  race:", "  repeats: 3\n  race:"));
            errors = Runner.Planning.ExperimentLoader.Load(file, [], Runner.Cli.Loading.Options(1000)).Errors;
            Assert.Contains(errors, e => e.Message.Contains("'seed' is defined twice"));
            File.WriteAllText(file, Yaml.Replace("first: 3, max_seeds: 5", "first: 4, max_seeds: 3"));
            errors = Runner.Planning.ExperimentLoader.Load(file, [], Runner.Cli.Loading.Options(1000)).Errors;
            Assert.Contains(errors, e => e.Message.Contains("max_seeds: 3 is below first (4)"));
        }
        finally { File.Delete(file); }
    }
}
