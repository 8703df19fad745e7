using System.Globalization;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>`race:` beside `tpe:`: real (small) training on the synthetic dataset, through the real sweep runner.</summary>
[Collection(TorchCollection.Name)]
public sealed class SearchRaceTests
{
    // An absurd learning rate (1e-7 learns nothing in 3 epochs) beside a sound one. Search seed 1 draws 0.05 for
    // trial 1 and 1e-7 for trial 2 (asserted below), so the absurd trial races a sound incumbent.
    internal const string Yaml = """
        name: searchrace
        data: {dataset: synthetic, train_samples: 600, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 3, threads: 1}
        report: {metric: val_accuracy}
        sweep:
          tpe: {trials: 5, startup: 2, seed: 1, lr: {choice: [0.05, 0.0000001]}, units: {choice: [32, 48]}}
          race: {first: 3, max_seeds: 4, alpha: 0.05}
        """;

    static IReadOnlyDictionary<int, SearchRaceJournal.RoundEntry> LastRounds(SweepHarness h, Runner.Planning.LoadedExperiment experiment) =>
        SearchRaceJournal.LastRounds(DecisionJournal.Read(h.Folder(experiment).Path));

    [Fact]
    public void A_hopeless_challenger_stops_after_the_first_seeds_and_the_report_gives_every_trial_its_interval()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml);
        var result = h.Run(experiment, jobs: 1);
        var folder = h.Folder(experiment).Path;
        var journal = DecisionJournal.Read(folder);
        var proposals = TpeJournal.Proposals(journal);
        Assert.Equal(5, proposals.Count);
        Assert.Equal("0.05", proposals[0].Values["lr"]);
        Assert.Equal("0.0000001", proposals[1].Values["lr"]);

        var last = SearchRaceJournal.LastRounds(journal);
        var given = SearchRaceJournal.Given(SearchRaceJournal.Rounds(journal));
        // The absurd trial: stopped after its first 3 seeds, significantly worse than trial 1; its 4th seed never trained.
        Assert.True(last[2].StoppedEarly, string.Join("\n", SweepFiles.Decisions(folder)));
        Assert.Equal(3, given[2]);
        Assert.Contains("trial 2 stopped early after 3 seeds: significantly worse", last[2].Stop!.Reason);
        Assert.DoesNotContain(result.Runs, r => TpeSpec.TrialOf(r.Run) == 2 && TrialSeedOf(r.Run) == 4);
        // Every trial that was not stopped has all 4 seeds; the incumbent (a sound one) grew to them as challengers needed.
        Assert.All(last.Where(t => !t.Value.StoppedEarly), t => Assert.Equal(4, given[t.Key]));
        foreach (var (trial, round) in last.Where(t => t.Value.StoppedEarly))
            Assert.Equal("0.0000001", proposals[trial - 1].Values["lr"]);
        // No (configuration, seed) trained twice, though trials repeat configurations of a space of 4.
        var trained = result.Runs.Select(r => r.Run.Hash).ToList();
        Assert.Equal(trained.Count, trained.Distinct().Count());
        Assert.Equal(trained.Count, Directory.GetDirectories(Path.Combine(folder, "runs")).Length);

        // The report: every trial with its seeds and interval, the stopped one marked with its p-value, the incumbent named.
        Runner.Reporting.ReportWriter.Write(folder, _ => { }, images: null, Runner.Sweeps.SweepReportParts.All);
        var report = File.ReadAllText(Path.Combine(h.Folder(experiment).ReportDirectory, "report.md"));
        Assert.Contains("## Search race", report);
        var incumbent = int.Parse(last.Values.Where(r => r.Stop is not null).MaxBy(r => r.Trial)!.Stop!.Subject.Split(' ')[1], CultureInfo.InvariantCulture);
        var section = report[report.IndexOf("## Search race", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var incumbentRow = section.Split('\n').Single(l => l.StartsWith($"| {incumbent} |", StringComparison.Ordinal));
        Assert.Contains("| 4 |", incumbentRow);
        Assert.Contains("(incumbent)", incumbentRow);
        Assert.Matches(@"\| 0\.\d+ to 0\.\d+ \|", incumbentRow); // a 95% interval over its 4 seeds
        Assert.Contains($"| 2 | lr=0.0000001,units={proposals[1].Values["units"]} | 3 |", section);
        Assert.Contains("stopped early after 3 seeds", section);

        // status and plan say it too.
        var status = string.Join("\n", SweepMethods.Of(experiment).Decisions(journal, Path.Combine(folder, DecisionJournal.FileName)));
        Assert.Contains("stopped early: trial 2 after 3 seeds", status);
        Assert.Equal(("not needed (stopped early)", false), SweepMethods.Of(experiment).NotStarted(experiment,
            TpeSweeper.Known(experiment, folder).Single(r => TpeSpec.TrialOf(r) == 2 && TrialSeedOf(r) == 4), journal));
    }

    [Fact]
    public void Two_jobs_make_the_same_decisions_and_runs_as_one()
    {
        using var one = new SweepHarness();
        using var two = new SweepHarness();
        var a = one.Load(Yaml);
        var b = two.Load(Yaml);
        one.Run(a, jobs: 1);
        two.Run(b, jobs: 2);
        Assert.Equal(SweepFiles.Decisions(one.Folder(a).Path), SweepFiles.Decisions(two.Folder(b).Path));
        SweepFiles.AssertSame(one.Folder(a).Path, two.Folder(b).Path);
    }

    [Fact]
    public void Raising_trials_extends_the_search_from_its_journal_without_training_a_configuration_and_seed_twice()
    {
        using var h = new SweepHarness();
        var first = h.Load(Yaml.Replace("trials: 5", "trials: 3"));
        var before = h.Run(first, jobs: 2).Runs.Select(r => r.Run.Hash).ToList();
        var journal = SweepFiles.Decisions(h.Folder(first).Path);

        var longer = h.Load(Yaml.Replace("trials: 5", "trials: 6"));
        var after = h.Run(longer, jobs: 2).Runs.Select(r => r.Run.Hash).ToList();
        Assert.Empty(after.Intersect(before));
        Assert.Equal(after.Count, after.Distinct().Count());
        var extended = SweepFiles.Decisions(h.Folder(longer).Path);
        Assert.Equal(journal, extended.Take(journal.Count)); // the first 3 trials' decisions stand
        Assert.Equal(6, TpeJournal.Proposals(DecisionJournal.Read(h.Folder(longer).Path)).Count);
        Assert.True(LastRounds(h, longer)[6].Stop is not null, "trial 6's race ended");
        Assert.Equal(before.Count + after.Count, Directory.GetDirectories(Path.Combine(h.Folder(longer).Path, "runs")).Length);
    }

    [Fact]
    public void Combinations_that_make_no_sense_are_refused_where_they_are_written()
    {
        var repeats = Yaml.Replace("  race:", "  repeats: 2\n  race:");
        TestExperiments.ErrorAt(TestExperiments.Errors(repeats), repeats, "race:", "`repeats:`", "keep one");
        var objectives = Yaml.Replace("report: {metric: val_accuracy}", "report: {objectives: {val_accuracy: max, parameters: min}}");
        Assert.Contains(TestExperiments.Errors(objectives), e => e.Message.Contains("report.metric alone, so it can't serve a multi-objective search"));
        var after = Yaml + "\n  constraints: [\"val_accuracy >= 0.2\"]\n";
        Assert.Contains(TestExperiments.Errors(after), e => e.Message.Contains("is judged after training, but a race eliminates"));
        var pruned = Yaml.Replace("report: {metric: val_accuracy}", "report: {metric: val_accuracy}\npruning: {method: median, at_epochs: [1]}");
        Assert.Contains(TestExperiments.Errors(pruned), e => e.Message.Contains("sweep.race: a race compares every configuration's final value"));
    }

    // `sobol:` beside `race:` (either order): its points race over seeds, as `random:` beside `race:` does.
    [Theory]
    [InlineData("  sobol: {samples: 4, seed: 1, lr: {loguniform: [0.00001, 0.1]}}\n  race: {first: 2, max_seeds: 3}")]
    [InlineData("  race: {first: 2, max_seeds: 3}\n  sobol: {samples: 4, seed: 1, lr: {loguniform: [0.00001, 0.1]}}")]
    public void Sobol_points_race_over_seeds(string sweep)
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml[..Yaml.IndexOf("sweep:", StringComparison.Ordinal)].Replace("\"${units}\"", "32") + "sweep:\n" + sweep + "\n");
        Assert.IsType<Runner.Sweeps.Methods.Race.RaceSpec>(experiment.Method);
        Assert.Equal(12, experiment.Runs.Count); // 4 points x seeds 1..3
        Assert.Equal(4, experiment.Runs.Select(r => r.AxisValues.First(a => a.Key == "lr").Value).Distinct().Count());
        h.Run(experiment, jobs: 2);
        var rounds = Runner.Sweeps.Methods.Race.RaceJournal.Rounds(DecisionJournal.Read(h.Folder(experiment).Path));
        Assert.Equal(2, rounds[0].Seeds);
        Assert.NotNull(rounds[^1].Stop);
    }

    static int TrialSeedOf(Runner.Planning.PlannedRun run) => TrialSeeds.SeedOf(run);
}
