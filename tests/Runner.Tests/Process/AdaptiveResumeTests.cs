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
    const string RaceYaml = """
        name: racekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 6000, test_limit: 500}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 64, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: ${lr}}, epochs: 2, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          lr: [0.1, 0.0001, 0.05]
          race: {first: 3, max_seeds: 4, alpha: 0.05}
        """;

    const string TpeYaml = """
        name: tpekill
        data: {dataset: mnist, validation_split: 0.1, train_limit: 3000, test_limit: 300}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, seed: 1, threads: 1}
        sweep:
          tpe: {trials: 7, startup: 3, seed: 3, lr: {loguniform: [0.0001, 0.3]}, units: {int: [16, 128]}}
        """;

    static (TempFolder Folder, string File, string Results, string Dir) NewSweep(string yaml, string name)
    {
        var folder = new TempFolder();
        File.WriteAllText(folder[name + ".yaml"], yaml);
        return (folder, folder[name + ".yaml"], folder["results"], Path.Combine(folder["results"], name));
    }

    /// <summary>The journal without its timestamps: question and answers, in order.</summary>
    static IReadOnlyList<string> Decisions(string dir) =>
        DecisionJournal.Read(dir).Select(e => $"{e.Sequence} {e.Question}: " + string.Join(" | ", e.Decisions.Select(d => $"{d.Kind} {d.Subject} {d.Value:R} {d.PValue:R} {string.Join(";", d.Parameters ?? new Dictionary<string, string>())}"))).ToList();

    /// <summary>
    /// Runs the sweep once uninterrupted, and once killed (SIGKILL) at each of <paramref name="kills"/> (epochs
    /// written across its runs, journal entries) and run again; asserts both end with the same journal, runs.csv
    /// and metrics.csv files, then hands both folders and the last output to <paramref name="more"/>.
    /// </summary>
    static void KilledAndResumedEqualsUninterrupted(string yaml, string name, (int Epochs, int Decided)[] kills, Action<string, string, string> more)
    {
        var (reference, refFile, refResults, refDir) = NewSweep(yaml, name);
        using var _r = reference;
        var (code, output) = RunnerProcess.Run("run", refFile, "--results", refResults, "--no-report");
        Assert.True(code == 0, output);

        var (folder, file, results, dir) = NewSweep(yaml, name);
        using var _ = folder;
        foreach (var (epochs, decided) in kills)
        {
            using var p = RunnerProcess.Start("run", file, "--results", results, "--no-report");
            p.WaitUntil(() => SweepFiles.EpochsWritten(dir) >= epochs && DecisionJournal.Read(dir).Count >= decided, TimeSpan.FromMinutes(5));
            Assert.False(p.HasExited, "the sweep ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.True(DecisionJournal.Read(dir).Count >= kills[^1].Decided, "killed before the last kill's decisions were journaled");
        (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report");
        Assert.True(code == 0, output);

        Assert.Equal(Decisions(refDir), Decisions(dir));
        Assert.Equal(SweepFiles.RunsCsv(refDir), SweepFiles.RunsCsv(dir));
        Assert.Equal(SweepFiles.MetricsCsvs(refDir), SweepFiles.MetricsCsvs(dir));
        more(refDir, dir, output);
    }

    // Kill in the first round (before any decision) and after the first decision, mid-run.
    [Fact]
    public void A_race_killed_twice_resumes_to_the_same_decisions_and_results() =>
        KilledAndResumedEqualsUninterrupted(RaceYaml, "racekill", [(3, 0), (13, 1)], (refDir, _, _) => Assert.NotEmpty(Decisions(refDir)));

    // Kill in a startup trial, then in the middle of the fifth trial (the second TPE proposed): the
    // resumed search finishes the journaled trials without training any twice, and proposes on.
    [Fact]
    public void A_TPE_search_killed_twice_resumes_to_the_same_proposals_and_results() =>
        KilledAndResumedEqualsUninterrupted(TpeYaml, "tpekill", [(3, 0), (9, 5)], (refDir, dir, output) =>
        {
            Assert.Equal(7, Decisions(refDir).Count); // one proposal per trial
            Assert.Contains("trials of the search already ended; it goes on from the proposals", output);
            Assert.Equal(7, Directory.GetDirectories(Path.Combine(dir, "runs")).Length);
        });
}
