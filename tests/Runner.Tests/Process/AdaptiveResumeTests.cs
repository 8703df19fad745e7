using Runner.Sweeps.Adaptive;

namespace Runner.Tests.Process;

/// <summary>
/// Adaptive sweeps killed (SIGKILL) mid-way and run again: the journaled decisions and every file
/// end up equal to those of one uninterrupted sweep (--jobs 1), and the search never restarts.
/// </summary>
[Collection(TorchCollection.Name)]
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

    static (TempFolder Folder, string File, string Results, string Dir) NewSweep(string yaml, string name)
    {
        var folder = new TempFolder();
        File.WriteAllText(folder[name + ".yaml"], yaml);
        return (folder, folder[name + ".yaml"], folder["results"], Path.Combine(folder["results"], name));
    }

    /// <summary>The journal without its timestamps: question and answers, in order.</summary>
    static IReadOnlyList<string> Decisions(string dir) =>
        DecisionJournal.Read(dir).Select(e => $"{e.Sequence} {e.Question}: " + string.Join(" | ", e.Decisions.Select(d => $"{d.Kind} {d.Subject} {d.Value:R} {d.PValue:R}"))).ToList();

    [Fact]
    public void A_race_killed_twice_resumes_to_the_same_decisions_and_results()
    {
        var (reference, refFile, refResults, refDir) = NewSweep(RaceYaml, "racekill");
        using var _r = reference;
        var (code, output) = RunnerProcess.Run("run", refFile, "--results", refResults, "--no-report");
        Assert.True(code == 0, output);
        Assert.NotEmpty(Decisions(refDir));

        var (folder, file, results, dir) = NewSweep(RaceYaml, "racekill");
        using var _ = folder;
        // Kill in the first round (before any decision) and after the first decision, mid-run.
        foreach (var (epochs, decided) in new[] { (3, 0), (13, 1) })
        {
            using var p = RunnerProcess.Start("run", file, "--results", results, "--no-report");
            p.WaitUntil(() => SweepFiles.EpochsWritten(dir) >= epochs && DecisionJournal.Read(dir).Count >= decided, TimeSpan.FromMinutes(5));
            Assert.False(p.HasExited, "the race ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.NotEmpty(Decisions(dir)); // killed after a decision had been journaled
        (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report");
        Assert.True(code == 0, output);

        Assert.Equal(Decisions(refDir), Decisions(dir));
        Assert.Equal(SweepFiles.RunsCsv(refDir), SweepFiles.RunsCsv(dir));
        Assert.Equal(SweepFiles.MetricsCsvs(refDir), SweepFiles.MetricsCsvs(dir));
    }
}
