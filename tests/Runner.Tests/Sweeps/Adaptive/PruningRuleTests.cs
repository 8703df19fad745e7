using Runner.Results;
using Runner.Tests.Results;
using Runner.Recording;
using Runner.Sweeps;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Pruning;
using Runner.Training;
using Runner.Config;

namespace Runner.Tests.Sweeps.Adaptive;

/// <summary>
/// ASHA and Hyperband on a synthetic learning-curve table: each run's val_accuracy per epoch is
/// written to its real metrics.csv one epoch at a time (runs in plan order, as `--jobs 1` trains
/// them), and the real <see cref="Pruner"/> is asked at every epoch.
/// </summary>
public sealed class PruningRuleTests
{
    static string Experiment(int runs, string pruning) => $$$"""
        name: curves
        data: {dataset: synthetic, train_samples: 100, test_samples: 10, validation_split: 0.2}
        {{{ModelYaml.Softmax}}}
        train: {optimizer: {name: sgd, learning_rate: 0.1}, epochs: 9, seed: ${run}, threads: 1}
        pruning: {{{pruning}}}
        sweep:
          run: [{{{string.Join(", ", Enumerable.Range(1, runs))}}}]
        """;

    /// <summary>Trains the table through the pruner; returns each run's last epoch and the pruner's reason.</summary>
    static List<(int Epochs, string? Reason)> Simulate(SweepHarness h, string pruning, double[][] curves)
    {
        var experiment = h.Load(Experiment(curves.Length, pruning));
        var folder = h.Folder(experiment);
        var pruner = new Pruner(experiment.Runs[0].Experiment.Pruning!, folder, experiment.Runs, DecisionJournal.Open(folder.Path));
        var ended = new List<(int, string?)>();
        for (int i = 0; i < curves.Length; i++)
        {
            var run = experiment.Runs[i];
            var log = new MetricsLog(folder.Run(run).MetricsCsv);
            Directory.CreateDirectory(folder.Run(run).Path);
            string? reason = null;
            int epoch = 0;
            while (reason is null && epoch < curves[i].Length)
            {
                epoch++;
                var metrics = Epochs.Row(epoch, 1, 0.5, 1, curves[i][epoch - 1], 0.1, 1, 1);
                log.Append(metrics);
                reason = pruner.Check(run, metrics);
            }
            ended.Add((epoch, reason));
        }
        return ended;
    }

    /// <summary>val_accuracy by epoch 1..9; only epochs 1 and 3 matter (the rungs of min_epochs 1, reduction 3, 9 epochs).</summary>
    static double[] Curve(double atOne, double atThree) => [atOne, atOne, atThree, atThree, atThree, atThree, atThree, atThree, atThree];

    static readonly double[][] Table =
    [
        Curve(0.50, 0.60), // first at both rungs: promoted
        Curve(0.40, 0.90), // 2 at rung 1, top max(1, 2/3) = 1 is 0.50: pruned at 1
        Curve(0.70, 0.75), // best at rung 1; at rung 3 best of 2: done
        Curve(0.55, 0.99), // 4 at rung 1, top 1 is 0.70: pruned at 1
        Curve(0.65, 0.99), // 5 at rung 1, top 1: pruned at 1
        Curve(0.68, 0.62), // 6 at rung 1, top 2 = {0.70, 0.68}: promoted; at rung 3 (0.60, 0.75, 0.62) top 1: pruned at 3
    ];

    [Fact]
    public void Asha_promotes_the_top_third_of_each_rung_without_waiting_for_it_to_fill()
    {
        using var h = new SweepHarness();
        var ended = Simulate(h, "{method: asha, monitor: val_accuracy, min_epochs: 1, reduction: 3}", Table);

        Assert.Equal([9, 1, 9, 1, 1, 3], ended.Select(e => e.Epochs));
        Assert.Contains("not in the top 1 of 2 runs", ended[1].Reason);
        Assert.Contains("not in the top 1 of 3 runs", ended[5].Reason);
    }

    [Fact]
    public void Asha_verdicts_are_journaled_and_replayed_when_a_run_is_asked_again()
    {
        using var h = new SweepHarness();
        Simulate(h, "{method: asha, monitor: val_accuracy, min_epochs: 1, reduction: 3}", Table);
        var experiment = h.Load(Experiment(Table.Length, "{method: asha, monitor: val_accuracy, min_epochs: 1, reduction: 3}"));
        var folder = h.Folder(experiment);
        var entries = DecisionJournal.Read(folder.Path);
        // 6 runs at rung 1, and the 3 promoted there (runs 0, 2, 5) at rung 3.
        Assert.Equal(9, entries.Count);
        Assert.Equal(4, entries.Count(e => e.Decisions[0].Kind == Decision.Prune));

        // Run 1 asked again at epoch 1 (resumed after a kill) is now judged against all 6 runs; a pruner
        // reading the journal gives the first answer (top 1 of 2), one without it a new one (top 2 of 6).
        var pruner = new Pruner(experiment.Runs[0].Experiment.Pruning!, folder, experiment.Runs, DecisionJournal.Open(folder.Path));
        var at1 = Epochs.Row(1, 1, 0.5, 1, 0.40, 0.1, 1, 1);
        Assert.Contains("top 1 of 2", pruner.Check(experiment.Runs[1], at1));
        var without = new Pruner(experiment.Runs[0].Experiment.Pruning!, folder, experiment.Runs);
        Assert.Contains("top 2 of 6", without.Check(experiment.Runs[1], at1));
    }

    [Fact]
    public void Hyperband_brackets_follow_hyperband_counts_interleaved()
    {
        // 9 epochs, reduction 3: S = 2, n = (9, 5, 3).
        var cycle = HyperbandRule.BracketCycle(2, 3);
        Assert.Equal(17, cycle.Length);
        Assert.Equal([9, 5, 3], Enumerable.Range(0, 3).Select(b => cycle.Count(c => c == b)));
        Assert.Equal([0, 1, 0, 2, 0, 1, 0], cycle.Take(7));
        Assert.Equal(4, Rungs.MaxBracket(16, 1, 2));
        Assert.Equal([3, 9], Rungs.Before(27, 1, 3, firstExponent: 1));
    }

    [Fact]
    public void Hyperband_compares_runs_only_within_their_bracket_at_that_brackets_rungs()
    {
        using var h = new SweepHarness();
        // Plan positions 0..6 are brackets 0, 1, 0, 2, 0, 1, 0.
        double[][] table =
        [
            Curve(0.50, 0.60), // b0: first: done
            Curve(0.10, 0.50), // b1: rung 3 only, first there: done (bracket 0's 0.50 at epoch 1 doesn't count)
            Curve(0.40, 0.90), // b0: 2 at rung 1, below 0.50: pruned at 1
            Curve(0.01, 0.01), // b2: no rung before epoch 9: done
            Curve(0.60, 0.55), // b0: best at rung 1; rung 3 with 0.60: pruned at 3
            Curve(0.90, 0.40), // b1: rung 3 with 0.50: pruned at 3
            Curve(0.70, 0.70), // b0: 4 at rung 1, top 1 is 0.70: promoted; rung 3 (0.60, 0.55, 0.70): done
        ];
        var ended = Simulate(h, "{method: hyperband, monitor: val_accuracy, min_epochs: 1, reduction: 3}", table);
        Assert.Equal([9, 9, 1, 9, 3, 3, 9], ended.Select(e => e.Epochs));
    }
}
