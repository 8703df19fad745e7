using Runner.Planning;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Process;

/// <summary>
/// A race and a TPE search shared by worker processes (`--shard i/n`, as the tasks of `runner submit` run
/// them) on one results folder: every run is trained once, every question of the journal answered once,
/// and where the answer can't depend on timing (a race; a search whose other worker died early) the
/// decisions and files equal one uninterrupted `--jobs 1` sweep.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class AdaptiveWorkersTests
{
    internal static (int Code, string Output)[] Together(SweepFolder sweep, int workers)
    {
        var processes = Enumerable.Range(1, workers).Select(i => sweep.Start("--shard", $"{i}/{workers}")).ToList();
        try { return processes.Select(p => (p.WaitForExit(TimeSpan.FromMinutes(5)), p.Output)).ToArray(); }
        finally { processes.ForEach(p => p.Dispose()); }
    }

    /// <summary>Two workers on one folder end with the decisions and files of one uninterrupted process; their outputs.</summary>
    static (int Code, string Output)[] TwoWorkersEqualOneProcess(string yaml)
    {
        using var reference = new SweepFolder(yaml);
        reference.Train();
        using var shared = new SweepFolder(yaml);

        var ends = Together(shared, 2);

        foreach (var (code, output) in ends) Assert.True(code == 0, output);
        Assert.Equal(SweepFiles.Decisions(reference.Dir), SweepFiles.Decisions(shared.Dir));
        SweepFiles.AssertSame(reference.Dir, shared.Dir);
        return ends;
    }

    [Fact]
    public void Two_workers_race_to_the_decisions_and_results_of_one_process()
    {
        var ends = TwoWorkersEqualOneProcess(AdaptiveResumeTests.RaceYaml);
        Assert.All(ends, e => Assert.Contains("is one of its workers", e.Output));
        Assert.All(ends, e => Assert.Matches(@"[1-9]\d* runs trained", e.Output)); // both did a share
    }

    // A search racing its trials decides each round from the results alone, so shared workers make the decisions of one process.
    [Fact]
    public void Two_workers_of_a_search_racing_its_trials_make_the_decisions_and_results_of_one_process() =>
        TwoWorkersEqualOneProcess(AdaptiveResumeTests.RacedTpeYaml);

    [Fact]
    public void Two_workers_search_each_trial_once_and_propose_each_trial_number_once()
    {
        using var shared = new SweepFolder(AdaptiveResumeTests.TpeYaml);

        var ends = Together(shared, 2);

        foreach (var (code, output) in ends) Assert.True(code == 0, output);
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(shared.Dir));
        Assert.Equal(Enumerable.Range(1, 7), proposals.Select(p => p.Trial));
        var runs = Directory.GetDirectories(Path.Combine(shared.Dir, "runs")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(proposals.Select(p => p.Run).Order(), runs);
        // Trained once each: two epochs, one row per epoch, and one line of runs.csv.
        Assert.All(SweepFiles.MetricsCsvs(shared.Dir).Values, rows => Assert.Equal(2, rows.Count));
        Assert.Equal(7, SweepFiles.RunsCsv(shared.Dir).Count);
        Assert.All(SweepFiles.RunsCsv(shared.Dir), row => Assert.Contains("status=done", row));
    }

    [Fact]
    public void A_worker_killed_mid_trial_leaves_it_to_another_which_ends_the_search_as_one_process_would()
    {
        using var reference = new SweepFolder(AdaptiveResumeTests.TpeYaml);
        reference.Train();
        var first = RunIdentity.IdOf(TpeJournal.Proposals(DecisionJournal.Read(reference.Dir))[0].Run);
        using var shared = new SweepFolder(AdaptiveResumeTests.TpeYaml);

        using (var killed = RunnerProcess.StartHeldAfterCheckpoint(first, 1, shared.RunArgs("--shard", "1/2")))
        {
            killed.Signal(RunnerProcess.SigKill);
            killed.WaitForExit(TimeSpan.FromSeconds(30));
        }
        var output = shared.Train("--shard", "2/2");

        Assert.Contains($"{first} (resuming at epoch 2)", output);
        Assert.Equal(SweepFiles.Decisions(reference.Dir), SweepFiles.Decisions(shared.Dir));
        SweepFiles.AssertSame(reference.Dir, shared.Dir);
    }

    // The worker still holds its trial when the other starts (so the other skips it), and dies while the
    // other still has work: the other takes the trial up once it has nothing else to do.
    [Fact]
    public void A_trial_skipped_because_a_worker_held_it_is_taken_up_once_that_worker_dies()
    {
        using var shared = new SweepFolder(AdaptiveResumeTests.TpeYaml);
        var first = FirstTrialId(shared);

        var killed = RunnerProcess.StartHeldAfterCheckpoint(first, 1, shared.RunArgs("--shard", "1/2"));
        using var survivor = shared.Start("--shard", "2/2");
        survivor.WaitUntil(() => survivor.Output.Contains($"{first} is being trained by another process"), TimeSpan.FromMinutes(2));
        killed.Signal(RunnerProcess.SigKill);
        killed.WaitForExit(TimeSpan.FromSeconds(30));
        killed.Dispose();

        Assert.True(survivor.WaitForExit(TimeSpan.FromMinutes(5)) == 0, survivor.Output);
        Assert.Contains($"{first} (resuming at epoch 2)", survivor.Output);
        Assert.Equal(Enumerable.Range(1, 7), TpeJournal.Proposals(DecisionJournal.Read(shared.Dir)).Select(p => p.Trial));
        Assert.All(SweepFiles.MetricsCsvs(shared.Dir).Values, rows => Assert.Equal(2, rows.Count));
        Assert.All(SweepFiles.RunsCsv(shared.Dir), row => Assert.Contains("status=done", row));
    }

    /// <summary>The id of trial 1 (a startup trial, planned from the search's seed), as `runner plan` lists it.</summary>
    static string FirstTrialId(SweepFolder sweep)
    {
        var (code, output) = RunnerProcess.Run("plan", sweep.File);
        Assert.True(code == 0, output);
        return System.Text.RegularExpressions.Regex.Match(output, @"trial=1,[^\s]+").Value;
    }
}
