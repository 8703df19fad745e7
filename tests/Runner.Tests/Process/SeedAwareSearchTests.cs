using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Process;

/// <summary>
/// Seed-aware TPE (`repeats:` beside `tpe:`) and warm start (`warm_start:`), in real `runner` processes on
/// an MNIST subset: killed searches resume to the same proposals, and no (configuration, seed) is trained
/// twice, across resume, extension (more trials) and warm start.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class SeedAwareSearchTests
{
    static string Search(string name, int trials, string warmStart = "", string dataset = "mnist") => $$$"""
        name: {{{name}}}
        data: {dataset: {{{dataset}}}, validation_split: 0.1, train_limit: 1000, test_limit: 200}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, batch_size: 32, threads: 1}
        sweep:
          tpe: {trials: {{{trials}}}, startup: 2, seed: 3, lr: {loguniform: [0.001, 0.3]}, units: {int: [16, 64]}{{{warmStart}}}}
          repeats: 2
        """;

    /// <summary>The (configuration, seed) of every run folder: its resolved config's hash, the last part of its name.</summary>
    static IReadOnlyList<string> Hashes(string dir) =>
        Directory.GetDirectories(Path.Combine(dir, "runs")).Select(d => Path.GetFileName(d)![(Path.GetFileName(d)!.LastIndexOf('-') + 1)..]).ToList();

    static byte[] Result(string dir, string run) => File.ReadAllBytes(Path.Combine(dir, "runs", run, "result.json"));

    // Kill in the first startup trial (its second seed), then in the third trial, the first TPE proposed.
    [Fact]
    public void A_seed_aware_search_killed_twice_resumes_to_the_same_proposals_and_results() =>
        AdaptiveResumeTests.KilledAndResumedEqualsUninterrupted(Search("seedkill", 4), [(3, 0), (10, 4)], (refDir, dir, _) =>
        {
            var proposals = TpeJournal.Proposals(DecisionJournal.Read(dir));
            Assert.Equal(4, proposals.Count);
            Assert.Contains("each the mean over 2 seeds", proposals[2].Reason);
            var hashes = Hashes(dir);
            Assert.Equal(8, hashes.Count); // 4 trials on 2 seeds each
            Assert.Equal(hashes.Count, hashes.Distinct().Count());
            Assert.All(Directory.GetDirectories(Path.Combine(dir, "runs")), run =>
                Assert.Equal(2, new Runner.Recording.MetricsLog(Path.Combine(run, "metrics.csv")).Read().Count)); // no epoch trained twice
        });

    [Fact]
    public void Warm_start_copies_identical_runs_and_learns_from_the_rest_and_nothing_is_trained_twice()
    {
        using var earlier = new SweepFolder(Search("wsearlier", 3));
        earlier.Train();
        var earlierRuns = Directory.GetDirectories(Path.Combine(earlier.Dir, "runs")).Select(d => Path.GetFileName(d)!).ToList();

        using var later = new SweepFolder(Search("wslater", 4, $", warm_start: [{earlier.Dir}]"));
        var output = later.Train();
        Assert.Contains("4 runs trained, 4 already ended", output);
        // The startup trials are the earlier search's (same seed, same space): copied, byte for byte, not retrained.
        var copies = WarmStart.Copies(DecisionJournal.Read(later.Dir));
        Assert.Equal(4, copies.Count);
        foreach (var (run, from) in copies)
        {
            Assert.Equal(Path.GetFullPath(from), Path.GetFullPath(Path.Combine(earlier.Dir, "runs", Path.GetFileName(from))));
            Assert.Equal(Result(earlier.Dir, Path.GetFileName(from)), Result(later.Dir, run));
        }
        Assert.Equal(earlierRuns.Count, Directory.GetDirectories(Path.Combine(earlier.Dir, "runs")).Length); // copied, not moved
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(later.Dir));
        Assert.Contains("6 earlier runs (warm start)", proposals[2].Reason);
        var (code, report) = RunnerProcess.Run("report", later.Dir);
        Assert.True(code == 0, report);
        var markdown = File.ReadAllText(Path.Combine(later.Dir, "report", "report.md"));
        Assert.Contains("4 runs of this search had the configuration and seed of one of them and were copied from it instead of trained", markdown);
        Assert.Contains(Path.Combine(earlier.Dir, "runs", Path.GetFileName(copies[0].From)), markdown);

        // Resumed and extended: only the new trial's seeds train.
        Assert.Contains("0 runs trained, 8 already ended", later.Train());
        File.WriteAllText(later.File, Search("wslater", 5, $", warm_start: [{earlier.Dir}]"));
        Assert.Contains("2 runs trained, 8 already ended", later.Train());
        var hashes = Hashes(later.Dir);
        Assert.Equal(10, hashes.Count);
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    // Two --shard workers share one seed-aware search that starts from an earlier one: every trial proposed once,
    // the earlier search's runs copied once, and every other (configuration, seed) trained once, by one of them.
    [Fact]
    public void Two_workers_share_a_warm_started_seed_aware_search_and_train_each_configuration_and_seed_once()
    {
        using var earlier = new SweepFolder(Search("wkearlier", 2));
        earlier.Train();
        using var shared = new SweepFolder(Search("wkshared", 4, $", warm_start: [{earlier.Dir}]"));
        foreach (var (code, output) in AdaptiveWorkersTests.Together(shared, 2)) Assert.True(code == 0, output);

        Assert.Equal(Enumerable.Range(1, 4), TpeJournal.Proposals(DecisionJournal.Read(shared.Dir)).Select(p => p.Trial));
        Assert.Equal(4, WarmStart.Copies(DecisionJournal.Read(shared.Dir)).Count);
        var hashes = Hashes(shared.Dir);
        Assert.Equal(8, hashes.Count);
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
        Assert.All(SweepFiles.MetricsCsvs(shared.Dir).Values, rows => Assert.Equal(2, rows.Count)); // trained (or copied) once: one row per epoch
        Assert.Equal(8, SweepFiles.RunsCsv(shared.Dir).Count);
        Assert.All(SweepFiles.RunsCsv(shared.Dir), row => Assert.Contains("status=done", row));
    }

    // Every run of a conditional space leaves the parameters of the branches it did not take empty in runs.csv:
    // warm start once skipped all such runs, so a conditional search started from nothing without a word.
    static string ConditionalSearch(string name, int trials, string warmStart = "") => $$$"""
        name: {{{name}}}
        data: {dataset: mnist, validation_split: 0.1, train_limit: 1000, test_limit: 200}
        model:
          input: [28, 28]
          layers:
            - flatten
            - ${hidden}
            - dense: {units: 10, activation: softmax}
        train: {optimizer: "${optimizer}", epochs: 1, batch_size: 32, threads: 1}
        sweep:
          tpe:
            trials: {{{trials}}}
            startup: 2
            seed: 3{{{warmStart}}}
            optimizer:
              choice:
                - sgd: {learning_rate: 0.05, momentum: {uniform: [0, 0.9]}}
                - adam: {beta_1: {uniform: [0.8, 0.95]}}
            hidden: {depth: [0, 2], layer: {dense: {units: {int: [8, 32]}, activation: relu} } }
          repeats: 2
        """;

    [Fact]
    public void Warm_start_from_a_conditional_search_reads_its_runs_though_each_leaves_the_branch_not_taken_empty()
    {
        using var earlier = new SweepFolder(ConditionalSearch("wscondearlier", 2));
        earlier.Train();
        using var later = new SweepFolder(ConditionalSearch("wscondlater", 3, $"\n    warm_start: [{earlier.Dir}]"));
        var output = later.Train();
        Assert.Contains("2 runs trained, 4 already ended", output); // the startup trials copied, the proposal trained
        Assert.Equal(4, WarmStart.Copies(DecisionJournal.Read(later.Dir)).Count);
        Assert.Contains("4 earlier runs (warm start)", TpeJournal.Proposals(DecisionJournal.Read(later.Dir))[2].Reason);
    }

    // The earlier folder is someone else's: a sparse file of 3 GB takes no disk there and took 3 GB here when copied.
    [Fact]
    public void A_warm_start_run_with_a_file_larger_than_Runner_writes_is_trained_instead_of_copied()
    {
        using var earlier = new SweepFolder(Search("wssparse", 2));
        earlier.Train();
        var planted = Directory.GetDirectories(Path.Combine(earlier.Dir, "runs")).Order(StringComparer.Ordinal).First();
        using (var sparse = File.Create(Path.Combine(planted, "model.bin"))) sparse.SetLength(3L << 30);

        using var later = new SweepFolder(Search("wssparselater", 2, $", warm_start: [{earlier.Dir}]"));
        Assert.Matches(@"\b1 runs? trained, 3 already ended", later.Train());
        Assert.DoesNotContain(WarmStart.Copies(DecisionJournal.Read(later.Dir)), c => c.From == planted);
        Assert.All(Directory.GetFiles(Path.Combine(later.Dir, "runs"), "*", SearchOption.AllDirectories), f => Assert.True(new FileInfo(f).Length < 64 << 20, f));
    }

    [Fact]
    public void A_warm_start_folder_of_another_dataset_is_refused_and_nothing_is_written()
    {
        using var earlier = new SweepFolder(Search("wsother", 2));
        earlier.Train();
        using var later = new SweepFolder(Search("wsfashion", 3, $", warm_start: [{earlier.Dir}]", dataset: "fashion_mnist"));
        var (code, output) = later.Run();
        Assert.True(code == 2, output);
        Assert.Contains("this earlier run is not of this search's experiment, it differs in data.dataset: mnist -> fashion_mnist", output);
        Assert.False(Directory.Exists(later.Dir), "the refused search wrote its results folder");
    }
}
