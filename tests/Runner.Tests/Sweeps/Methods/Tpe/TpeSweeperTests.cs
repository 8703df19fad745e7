using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>A real TPE search: real (small) training on the synthetic dataset, through the real sweep runner.</summary>
[Collection(TorchCollection.Name)]
public sealed class TpeSweeperTests
{
    const string Yaml = """
        name: tpe
        data: {dataset: synthetic, train_samples: 600, test_samples: 100, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 2, seed: 1, threads: 1}
        report: {metric: val_loss}
        sweep:
          tpe: {trials: 8, startup: 3, seed: 5, lr: {loguniform: [0.0001, 0.5]}, units: {int: [8, 64]}}
        """;

    static IReadOnlyList<Proposal> Proposals(SweepHarness h, LoadedExperiment e) =>
        TpeJournal.Proposals(DecisionJournal.Read(h.Folder(e).Path));

    [Fact]
    public void Each_later_trial_is_TPEs_proposal_from_the_finished_trials_journaled_before_it_ran()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml);
        Assert.Equal(3, experiment.Runs.Count); // the plan holds the startup trials; the rest come from results
        var result = h.Run(experiment, jobs: 1);

        var proposals = Proposals(h, experiment);
        Assert.Equal(Enumerable.Range(1, 8), proposals.Select(p => p.Trial));
        Assert.Equal(3, proposals.Count(p => p.Startup));
        // Which sampler drew a trial is a field of its proposal, not the wording of its reason.
        var journal = File.ReadAllText(Path.Combine(h.Folder(experiment).Path, DecisionJournal.FileName));
        Assert.Equal(3, journal.Split("\"sampler\":\"random\"").Length - 1);
        Assert.Equal(5, journal.Split("\"sampler\":\"tpe\"").Length - 1);
        Assert.Equal(proposals.Select(p => p.Run), result.Runs.Select(r => r.Run.DirectoryName));
        Assert.Equal(8, new RunsTable(h.Folder(experiment).RunsCsv).Read().Count);
        Assert.Equal(8, h.Folder(experiment).LastPlan().Count); // the report describes every trial

        // With one job, trial k saw trials 1..k-1 finished: the sampler, given their values read back from
        // disk (val_loss, minimised), proposes exactly the journaled point.
        var spec = TpeSweeper.SearchOf(experiment).Spec;
        var sampler = spec.Sampler(maximize: false);
        var trials = result.Runs.Select(r => r.Run).ToList();
        for (int k = 4; k <= 8; k++)
        {
            var observations = trials.Take(k - 1).Select(t => new Observation(spec.Point(t),
                FinalValue.Of(h.Folder(experiment).Run(t).ReadResult()!, "val_loss") is var v && double.IsFinite(v) ? v : null)).ToList();
            var point = sampler.Propose(k - 1, observations);
            var expected = spec.Space.Distributions.Select((d, i) => (d.Dimension.Name, CompactText.Of(d.Value(point[i]))));
            Assert.Equal(expected, proposals[k - 1].Values.Select(p => (p.Key, p.Value)));
        }

        // Run again: every trial ended, nothing is proposed or trained again.
        var again = h.Run(h.Load(Yaml), jobs: 2);
        Assert.Empty(again.Runs);
        Assert.Equal(8, TpeJournal.Proposals(DecisionJournal.Read(h.Folder(experiment).Path)).Count);
    }

    [Fact]
    public void With_startup_sampler_sobol_the_startup_trials_are_the_sequences_points_and_journal_sampler_sobol()
    {
        using var h = new SweepHarness();
        var yaml = Yaml.Replace("trials: 8, startup: 3", "trials: 5, startup: 4, startup_sampler: sobol");
        var experiment = h.Load(yaml);
        var spec = TpeSweeper.SearchOf(experiment).Spec;
        Assert.Equal("sobol", spec.StartupSampler);
        // The startup trials are points 0..3 of the scrambled sequence of seed 5 over (lr, units), as config text.
        var space = spec.Space.Distributions.Select(d => d.Dimension).ToList();
        var sequence = new Runner.Sweeps.Methods.Sobol.SobolSequence(2, 5);
        for (int k = 0; k < 4; k++)
        {
            var point = Runner.Sweeps.Methods.Sobol.UnitCubeMapping.Point(space, sequence.Point(k));
            Assert.Equal(spec.Space.Distributions.Select((d, i) => (d.Dimension.Name, CompactText.Of(d.Value(point[i])))),
                experiment.Runs[k].AxisValues.Where(a => a.Key != TpeSpec.TrialAxis).Select(a => (a.Key, a.Value)));
        }
        var random = h.Load(Yaml.Replace("trials: 8, startup: 3", "trials: 5, startup: 4"));
        Assert.NotEqual(random.Runs.Select(r => r.DirectoryName), experiment.Runs.Select(r => r.DirectoryName));

        h.Run(experiment, jobs: 1);
        var proposals = Proposals(h, experiment);
        Assert.Equal(["sobol", "sobol", "sobol", "sobol", "tpe"], proposals.Select(p => p.Sampler));
        Assert.Equal(4, proposals.Count(p => p.Startup));
        Assert.Equal(experiment.Runs.Select(r => r.DirectoryName), proposals.Take(4).Select(p => p.Run));
        var journal = File.ReadAllText(Path.Combine(h.Folder(experiment).Path, DecisionJournal.FileName));
        Assert.Equal(4, journal.Split("\"sampler\":\"sobol\"").Length - 1);
        Assert.Contains("5 trials proposed (4 by sobol, 1 by TPE)", string.Join("\n", SweepMethods.Of(experiment).Decisions(DecisionJournal.Read(h.Folder(experiment).Path), h.Folder(experiment).Path)));
    }

    [Fact]
    public void An_unknown_startup_sampler_is_refused_where_it_is_written()
    {
        var yaml = Yaml.Replace("startup: 3", "startup: 3, startup_sampler: halton");
        TestExperiments.ErrorAt(TestExperiments.Errors(yaml), yaml, "halton", "startup_sampler", "sobol");
    }

    [Fact]
    public void The_same_seed_proposes_the_same_trials_and_with_two_jobs_every_trial_is_a_run()
    {
        using var a = new SweepHarness();
        using var b = new SweepHarness();
        var first = a.Load(Yaml);
        a.Run(first, jobs: 1);
        var second = b.Load(Yaml);
        b.Run(second, jobs: 1);
        Assert.Equal(Proposals(a, first).Select(p => p.Run), Proposals(b, second).Select(p => p.Run));

        using var c = new SweepHarness();
        var parallel = c.Load(Yaml);
        var result = c.Run(parallel, jobs: 2);
        Assert.Equal(8, result.Runs.Count);
        Assert.Equal(8, result.Runs.Select(r => r.Run.DirectoryName).Distinct().Count());
        Assert.Equal(Proposals(c, parallel).Select(p => p.Run).Order(), result.Runs.Select(r => r.Run.DirectoryName).Order());
    }

    [Fact]
    public void Bad_settings_are_refused_with_what_to_write()
    {
        static string Errors(string yaml, int maxRuns = 1000) => string.Join("\n",
            ExperimentLoader.LoadText(yaml, "tpe.yaml", [], Runner.Cli.Loading.Options(maxRuns)).Errors.Select(e => e.Message));
        Assert.Contains("startup: 10 random trials (the default) is more than trials (8)", Errors(Yaml.Replace("startup: 3, ", "")));
        Assert.Contains("can't go beside `tpe:`", Errors(Yaml.Replace("  tpe:", "  zip: {act: [relu, tanh]}\n  tpe:")));
        // `repeats:` may: each trial trains on every seed, which train.seed must leave to the axis.
        Assert.Contains("train.seed is fixed at 1 while the sweep varies 'seed'", Errors(Yaml.Replace("  tpe:", "  repeats: 2\n  tpe:")));
        Assert.Contains("sweep.tpe: 8 trials on 2 seeds each, 16 runs, more than the limit of 10",
            Errors(Yaml.Replace("  tpe:", "  repeats: 2\n  tpe:").Replace("seed: 1, ", ""), maxRuns: 10));
        Assert.Contains("sweep.tpe: no axes to search", Errors(Yaml.Replace(", lr: {loguniform: [0.0001, 0.5]}, units: {int: [8, 64]}", "")));
        Assert.Contains("sweep.tpe: 8 trials, more than the limit of 5", Errors(Yaml, maxRuns: 5));
    }
}
