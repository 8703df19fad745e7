using Runner.Planning;

namespace Runner.Tests.Planning;

/// <summary>
/// One mistake in a sweep method's or pruning's settings gets one error, at its place: a refused value is not
/// replaced by a stand-in that then fails another check (red team: a bad `tpe.trials` added "8 random trials is
/// more than trials (1)"; `sweep.race.alpha=2` added "${seed} is not defined"; a refused train.epochs added a
/// pruning error about "the last epoch (1)").
/// </summary>
public class OneErrorPerMistakeTests
{
    public static TheoryData<string, string, string> Mistakes() => new()
    {
        // file in experiments/, the override, words of the one error
        { "optimizers_race.yaml", "sweep.race.alpha=2", "sweep.race.alpha: 2 is out of range" },
        { "optimizers_race.yaml", "sweep.race.first=abc", "sweep.race.first: expected a whole number" },
        { "optimizers_race.yaml", "sweep.race.max_seeds=1", "sweep.race.max_seeds: 1 is out of range" },
        { "optimizers_race.yaml", "sweep.race.bogus=1", "unknown key 'bogus' in sweep.race" },
        { "tpe.yaml", "sweep.tpe.trials=0", "sweep.tpe.trials: 0 is out of range" },
        { "tpe.yaml", "sweep.tpe.trials=abc", "sweep.tpe.trials: expected a whole number" },
        { "tpe.yaml", "sweep.tpe.startup=abc", "sweep.tpe.startup: expected a whole number" },
        { "tpe.yaml", "sweep.tpe.startup_sampler=halton", "unknown sampler 'halton'" },
        { "sobol.yaml", "sweep.sobol.samples=0", "sweep.sobol.samples: 0 is out of range" },
        { "sobol.yaml", "sweep.sobol.lr.loguniform=[0, 1]", "bounds must be > 0" },
        { "asha.yaml", "sweep.random.samples=0", "sweep.random.samples: 0 is out of range" },
        { "asha.yaml", "pruning.method=foo", "unknown method 'foo'" },
        { "asha.yaml", "pruning.reduction=1", "pruning.reduction: 1 is out of range" },
        { "asha.yaml", "train.epochs=0", "train.epochs: 0 is out of range" },
        { "hyperband.yaml", "sweep.random.lr=3", "expected one distribution" },
        { "hyperband.yaml", "train.epochs=abc", "train.epochs: expected a whole number" },
        { "learning_rates.yaml", "train.epochs=0", "train.epochs: 0 is out of range" },
        { "learning_rates.yaml", "pruning.method=foo", "unknown method 'foo'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_refused_setting_is_the_only_error(string file, string setting, string words)
    {
        var result = ExperimentLoader.Load(Path.Combine(Repository.Experiments, file), [setting], TestExperiments.Options);

        var error = Assert.Single(result.Errors);
        Assert.Equal("--set", error.File);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_tpe_trials_with_a_smaller_startup_is_the_only_error()
    {
        var result = ExperimentLoader.Load(Path.Combine(Repository.Experiments, "tpe.yaml"), ["sweep.tpe.trials=5", "sweep.tpe.startup=abc"], TestExperiments.Options);

        var error = Assert.Single(result.Errors);
        Assert.Contains("sweep.tpe.startup: expected a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_repeats_count_does_not_make_seed_undefined()
    {
        var errors = TestExperiments.Errors(TestExperiments.MlpWithVariables.Replace("batch_size: 32", "batch_size: 32\n  seed: ${seed}") + "\n" + """
            sweep:
              optimizer: [sgd, adam]
              activation: [relu]
              repeats: abc
            """);

        var error = Assert.Single(errors);
        Assert.Contains("sweep.repeats: expected a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_race_whose_first_exceeds_max_seeds_gets_only_that_error()
    {
        var result = ExperimentLoader.Load(Path.Combine(Repository.Experiments, "optimizers_race.yaml"), ["sweep.race.first=20"], TestExperiments.Options);

        var error = Assert.Single(result.Errors);
        Assert.Contains("sweep.race.max_seeds: 10 is below first (20)", error.Message, StringComparison.Ordinal);
    }
}
