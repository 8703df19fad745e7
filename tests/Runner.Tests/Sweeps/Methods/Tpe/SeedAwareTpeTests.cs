using Runner.Results;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>`repeats:` beside `tpe:`: real (small) training on the synthetic dataset, through the real sweep runner.</summary>
[Collection(TorchCollection.Name)]
public sealed class SeedAwareTpeTests
{
    // `repeats:` written before `tpe:`: the seed axis comes first in every run's id, and the search still plans it.
    static string Yaml(string space) => $$$"""
        name: seeded
        data: {dataset: synthetic, train_samples: 600, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, threads: 1}
        report: {metric: val_loss}
        sweep:
          repeats: 2
          tpe: {trials: 5, startup: 2, seed: 5, {{{space}}}}
        """;

    [Fact]
    public void Every_trial_trains_on_each_seed_and_TPE_proposes_from_the_seed_means()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml("lr: {loguniform: [0.0001, 0.5]}, units: {int: [8, 64]}"));
        Assert.Equal(4, experiment.Runs.Count); // 2 startup trials x 2 seeds
        Assert.All(experiment.Runs, r => Assert.Equal(SeedAxis.Name, r.AxisValues[0].Key));
        var result = h.Run(experiment, jobs: 1);
        Assert.Equal(10, result.Runs.Count);

        var proposals = TpeJournal.Proposals(DecisionJournal.Read(h.Folder(experiment).Path));
        Assert.Equal(5, proposals.Count);
        var byTrial = result.Runs.GroupBy(r => TpeSpec.TrialOf(r.Run)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byTrial.Values, runs => Assert.Equal(["1", "2"], runs.Select(r => r.Run.AxisValues[0].Value).Order()));
        // Each seed's run differs only in train.seed.
        Assert.All(byTrial.Values, runs => Assert.NotEqual(runs[0].Run.Hash, runs[1].Run.Hash));

        // With one job, trial k saw trials 1..k-1 finished, each as the mean of its two seeds' val_loss.
        var spec = TpeSweeper.SearchOf(experiment).Spec;
        var sampler = spec.Sampler(maximize: false);
        for (int k = 3; k <= 5; k++)
        {
            var observations = Enumerable.Range(1, k - 1).Select(t => new Observation(spec.Point(byTrial[t][0].Run),
                byTrial[t].Average(r => FinalValue.Of(r.Outcome, "val_loss")))).ToList();
            var point = sampler.Propose(k - 1, observations);
            Assert.Equal(spec.Space.Distributions.Select((d, i) => (d.Dimension.Name, Runner.Planning.CompactText.Of(d.Value(point[i])))),
                proposals[k - 1].Values.Select(p => (p.Key, p.Value)));
            Assert.Contains("each the mean over 2 seeds", proposals[k - 1].Reason);
        }
    }

    // Multi-objective TPE with `repeats:`: every objective counts with its mean over the seeds, not seed 1's value.
    [Fact]
    public void A_multi_objective_search_learns_from_every_objective_s_seed_mean()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml("lr: {loguniform: [0.0001, 0.5]}, units: {int: [8, 64]}")
            .Replace("report: {metric: val_loss}", "report: {objectives: {val_loss: min, val_accuracy: max}}").Replace("trials: 5", "trials: 6"));
        var result = h.Run(experiment, jobs: 1);
        var proposals = TpeJournal.Proposals(DecisionJournal.Read(h.Folder(experiment).Path));
        var byTrial = result.Runs.GroupBy(r => TpeSpec.TrialOf(r.Run)).ToDictionary(g => g.Key, g => g.OrderBy(r => TrialSeeds.SeedOf(r.Run)).ToList());
        var spec = TpeSweeper.SearchOf(experiment).Spec;
        var sampler = spec.Sampler(maximize: false, objectives: [false, true]);
        string Proposed(int k, Func<IReadOnlyList<(Runner.Planning.PlannedRun Run, Runner.Results.RunOutcome Outcome)>, string, double> value)
        {
            var observations = Enumerable.Range(1, k - 1).Select(t => new Observation(spec.Point(byTrial[t][0].Run), value(byTrial[t], "val_loss"))
                { Values = [value(byTrial[t], "val_loss"), value(byTrial[t], "val_accuracy")] }).ToList();
            var point = sampler.Propose(k - 1, observations);
            return string.Join(",", spec.Space.Distributions.Select((d, i) => Runner.Planning.CompactText.Of(d.Value(point[i]))));
        }
        static double Mean(IReadOnlyList<(Runner.Planning.PlannedRun Run, Runner.Results.RunOutcome Outcome)> runs, string metric) => runs.Average(r => FinalValue.Of(r.Outcome, metric));
        static double Seed1(IReadOnlyList<(Runner.Planning.PlannedRun Run, Runner.Results.RunOutcome Outcome)> runs, string metric) => FinalValue.Of(runs[0].Outcome, metric);
        int differs = 0;
        for (int k = 3; k <= 6; k++)
        {
            Assert.Equal(Proposed(k, Mean), string.Join(",", proposals[k - 1].Values.Values));
            if (Proposed(k, Seed1) != Proposed(k, Mean)) differs++;
        }
        Assert.True(differs > 0, "seed 1's values propose the same trials, so this test could not tell them apart");
    }

    [Fact]
    public void A_trial_on_a_configuration_and_seed_an_earlier_trial_has_is_not_trained_again()
    {
        using var h = new SweepHarness();
        // Two configurations only: from trial 3 on, every proposal repeats one of them.
        var experiment = h.Load(Yaml("lr: [0.1], units: [8, 16]"));
        var result = h.Run(experiment, jobs: 2);
        Assert.Equal(5, TpeJournal.Proposals(DecisionJournal.Read(h.Folder(experiment).Path)).Count);
        var trained = result.Runs.Select(r => r.Run.Hash).ToList();
        Assert.Equal(trained.Count, trained.Distinct().Count());
        Assert.True(trained.Count <= 4, $"{trained.Count} runs trained for at most 2 configurations x 2 seeds");
        Assert.Equal(trained.Count, Directory.GetDirectories(Path.Combine(h.Folder(experiment).Path, "runs")).Length);

        // Run again, with more trials: nothing trained twice.
        var more = h.Load(Yaml("lr: [0.1], units: [8, 16]").Replace("trials: 5", "trials: 7"));
        var again = h.Run(more, jobs: 1);
        Assert.All(again.Runs, r => Assert.DoesNotContain(r.Run.Hash, trained));
        Assert.Equal(7, TpeJournal.Proposals(DecisionJournal.Read(h.Folder(more).Path)).Count);
    }
}
