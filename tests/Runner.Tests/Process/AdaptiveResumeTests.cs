using Runner.Sweeps.Adaptive;

namespace Runner.Tests.Process;

/// <summary>
/// Adaptive sweeps killed (SIGKILL) mid-way and run again: the journaled decisions and every file
/// end up equal to those of one uninterrupted sweep (--jobs 1), and the search never restarts.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class AdaptiveResumeTests
{
    internal static readonly string RaceYaml = $$$"""
        name: racekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 6000, test_limit: 500}
        {{{ModelYaml.Mlp(64)}}}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 2, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          lr: [0.1, 0.0001, 0.05]
          race: {first: 3, max_seeds: 4, alpha: 0.05}
        """;

    internal const string TpeYaml = """
        name: tpekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 3000, test_limit: 300}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, seed: 1, threads: 1}
        sweep:
          tpe: {trials: 7, startup: 3, seed: 3, lr: {loguniform: [0.0001, 0.3]}, units: {int: [16, 128]}}
        """;

    /// <summary>
    /// Runs the sweep once uninterrupted, and once killed (SIGKILL) at each of <paramref name="kills"/> (epochs
    /// written across its runs, journal entries) and run again; asserts both end with the same journal, runs.csv
    /// and metrics.csv files, then hands both folders and the last output to <paramref name="more"/>.
    /// </summary>
    internal static void KilledAndResumedEqualsUninterrupted(string yaml, (int Epochs, int Decided)[] kills, Action<string, string, string> more)
    {
        using var reference = new SweepFolder(yaml);
        reference.Train();

        using var sweep = new SweepFolder(yaml);
        foreach (var (epochs, decided) in kills)
        {
            using var p = sweep.Start();
            p.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= epochs && DecisionJournal.Read(sweep.Dir).Count >= decided, TimeSpan.FromMinutes(5));
            Assert.False(p.HasExited, "the sweep ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.True(DecisionJournal.Read(sweep.Dir).Count >= kills[^1].Decided, "killed before the last kill's decisions were journaled");
        var output = sweep.Train();

        Assert.Equal(SweepFiles.Decisions(reference.Dir), SweepFiles.Decisions(sweep.Dir));
        SweepFiles.AssertSame(reference.Dir, sweep.Dir);
        more(reference.Dir, sweep.Dir, output);
    }

    // Kill in the first round (before any decision) and after the first decision, mid-run.
    [Fact]
    public void A_race_killed_twice_resumes_to_the_same_decisions_and_results() =>
        KilledAndResumedEqualsUninterrupted(RaceYaml, [(3, 0), (13, 1)], (refDir, _, _) => Assert.NotEmpty(SweepFiles.Decisions(refDir)));

    // Kill in a startup trial, then in the middle of the fifth trial (the second TPE proposed): the
    // resumed search finishes the journaled trials without training any twice, and proposes on.
    [Fact]
    public void A_TPE_search_killed_twice_resumes_to_the_same_proposals_and_results() =>
        KilledAndResumedEqualsUninterrupted(TpeYaml, [(3, 0), (9, 5)], (refDir, dir, output) =>
        {
            Assert.Equal(7, Runner.Sweeps.Methods.Tpe.TpeJournal.Proposals(DecisionJournal.Read(refDir)).Count); // one proposal per trial
            Assert.Contains("trials of the search already ended; it goes on from the proposals", output);
            Assert.Equal(7, Directory.GetDirectories(Path.Combine(dir, "runs")).Length);
        });

    // `race:` beside `tpe:`: each trial races the incumbent over seeds 2..3.
    internal const string RacedTpeYaml = """
        name: racedtpekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 3000, test_limit: 300}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, threads: 1}
        sweep:
          tpe: {trials: 5, startup: 2, seed: 3, lr: {loguniform: [0.0000001, 0.3]}, units: {int: [16, 128]}}
          race: {first: 2, max_seeds: 3, alpha: 0.1}
        """;

    // Kill in the first trial's first round, then once the third trial (TPE's first) has been proposed, mid-run:
    // the resumed search replays the journaled rounds, trains no (configuration, seed) twice, and races on.
    [Fact]
    public void A_TPE_search_racing_its_trials_killed_twice_resumes_to_the_same_decisions_and_results() =>
        KilledAndResumedEqualsUninterrupted(RacedTpeYaml, [(2, 0), (13, 7)], (refDir, dir, output) =>
        {
            var journal = DecisionJournal.Read(refDir);
            Assert.Equal(5, Runner.Sweeps.Methods.Tpe.TpeJournal.Proposals(journal).Count);
            var rounds = Runner.Sweeps.Methods.Tpe.SearchRaceJournal.LastRounds(journal);
            Assert.Equal([1, 2, 3, 4, 5], rounds.Keys.Order());
            Assert.All(rounds.Values, r => Assert.NotNull(r.Stop));
            Assert.Contains("trials of the search already ended; it goes on from the proposals", output);
            // Every run folder is one (configuration, seed), trained once: as many as the runs the race gave seeds.
            var given = Runner.Sweeps.Methods.Tpe.SearchRaceJournal.Given(Runner.Sweeps.Methods.Tpe.SearchRaceJournal.Rounds(journal));
            var folders = Directory.GetDirectories(Path.Combine(dir, "runs")).Select(Path.GetFileName).ToList();
            Assert.Equal(folders.Count, folders.Select(f => f![(f!.LastIndexOf('-') + 1)..]).Distinct().Count());
            Assert.True(folders.Count <= given.Values.Sum(), $"{folders.Count} run folders for {given.Values.Sum()} seeds given");
        });

    // Multi-objective TPE under a constraint known before training (drawn again) and one known after (ranked by
    // violation): killed in a startup trial and in the fifth, it resumes to the same proposals and results.
    internal const string MultiObjectiveTpeYaml = """
        name: motpekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 3000, test_limit: 300}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, seed: 1, threads: 1}
        report: {objectives: {val_accuracy: max, parameters: min}}
        sweep:
          tpe: {trials: 7, startup: 3, seed: 3, lr: {loguniform: [0.0001, 0.3]}, units: {int: [16, 256]}}
          constraints: ["parameters <= 100000", "val_accuracy >= 0.6"]
        """;

    [Fact]
    public void A_multi_objective_TPE_search_under_constraints_killed_twice_resumes_to_the_same_proposals_and_results() =>
        KilledAndResumedEqualsUninterrupted(MultiObjectiveTpeYaml, [(3, 0), (9, 5)], (refDir, dir, output) =>
        {
            var proposals = Runner.Sweeps.Methods.Tpe.TpeJournal.Proposals(DecisionJournal.Read(refDir));
            Assert.Equal(7, proposals.Count);
            Assert.All(proposals.Skip(3), p => Assert.StartsWith("multi-objective TPE on val_accuracy (max) and parameters (min)", p.Reason));
            Assert.All(proposals, p => Assert.InRange(int.Parse(p.Values["units"], System.Globalization.CultureInfo.InvariantCulture), 16, 125));
            Assert.Contains("trials of the search already ended; it goes on from the proposals", output);
            Assert.Equal(7, Directory.GetDirectories(Path.Combine(dir, "runs")).Length);
        });

    // Edit and rerun: a search whose startup trials or space changed would act on decisions made from other
    // results, so both `run` and `plan` refuse it (exit 2, nothing trained); more trials just go on.
    [Fact]
    public void An_edited_search_is_refused_and_a_longer_one_goes_on_from_the_journal()
    {
        using var sweep = new SweepFolder(TpeYaml);
        sweep.Train();
        var journal = File.ReadAllBytes(Path.Combine(sweep.Dir, DecisionJournal.FileName));

        File.WriteAllText(sweep.File, TpeYaml.Replace("epochs: 2", "epochs: 3"));
        foreach (var command in new[] { "run", "plan" })
        {
            var (code, output) = RunnerProcess.Run([command, sweep.File, "--results", sweep.Results]);
            Assert.True(code == 2, output);
            Assert.Contains("its decisions were made for another version of this search of tpekill", output);
        }
        Assert.Equal(journal, File.ReadAllBytes(Path.Combine(sweep.Dir, DecisionJournal.FileName)));
        Assert.Equal(7, Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Length);

        File.WriteAllText(sweep.File, TpeYaml.Replace("trials: 7", "trials: 9"));
        var longer = sweep.Train();
        Assert.Contains("7 trials of the search already ended", longer);
        Assert.Equal(Enumerable.Range(1, 9), Runner.Sweeps.Methods.Tpe.TpeJournal.Proposals(DecisionJournal.Read(sweep.Dir)).Select(p => p.Trial));
        Assert.Equal(9, Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Length);
    }
}
