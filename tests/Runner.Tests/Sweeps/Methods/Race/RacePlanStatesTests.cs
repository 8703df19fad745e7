using Runner.Planning;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;

namespace Runner.Tests.Sweeps.Methods.Race;

/// <summary>
/// What `runner plan` calls a race's runs not started: the seeds every survivor certainly runs are new, later ones
/// open, an eliminated configuration's not needed (trying it: a race showed seeds 1-3 as "open" although they always run).
/// </summary>
public class RacePlanStatesTests
{
    static readonly string Race = TestExperiments.Mlp.Replace("optimizer: adam", "optimizer: ${optimizer}").Replace("batch_size: 32", "batch_size: 32\n  seed: ${seed}") + """

        sweep:
          optimizer: [sgd, adam]
          race: {first: 3, max_seeds: 5}
        """;

    static string StateOf(LoadedExperiment experiment, string optimizer, int seed, IReadOnlyList<JournalEntry> journal)
    {
        var run = experiment.Runs.Single(r => r.AxisValues.Contains(new("optimizer", optimizer)) && r.AxisValues.Contains(new("seed", $"{seed}")));
        return new RaceMethod().NotStarted(experiment, run, journal).State;
    }

    [Fact]
    public void Before_any_round_the_first_seeds_are_new_and_the_rest_open()
    {
        var experiment = TestExperiments.Valid(Race);

        Assert.Equal(["new", "new", "new", "open (race)", "open (race)"], Enumerable.Range(1, 5).Select(seed => StateOf(experiment, "adam", seed, [])));
    }

    [Fact]
    public void After_a_round_the_survivors_next_seed_is_new_and_the_eliminated_are_not_needed()
    {
        var experiment = TestExperiments.Valid(Race);
        JournalEntry[] journal = [new(1, RaceJournal.Question(3), DateTime.UnixEpoch,
            [new Decision(Decision.Survive, "optimizer=adam", "best"), new Decision(Decision.Eliminate, "optimizer=sgd", "worse")])];

        Assert.Equal(["new", "open (race)"], new[] { 4, 5 }.Select(seed => StateOf(experiment, "adam", seed, journal)));
        Assert.Equal("not needed (eliminated)", StateOf(experiment, "sgd", 4, journal));
    }
}
