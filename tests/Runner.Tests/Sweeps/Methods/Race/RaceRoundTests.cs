using Runner.Planning;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;

namespace Runner.Tests.Sweeps.Methods.Race;

public sealed class RaceRoundTests
{
    static readonly RaceSpec Spec = new(First: 3, MaxSeeds: 5, Alpha: 0.05);

    [Fact]
    public void The_one_sided_paired_t_test_matches_the_closed_form_for_two_degrees_of_freedom()
    {
        // Differences 0.10, 0.12, 0.08: mean 0.1, sd 0.02, t = 5 * sqrt(3); with 2 degrees of freedom
        // P(T >= t) = 1/2 - t / (2 sqrt(2 + t^2)).
        double t = 0.1 / (0.02 / Math.Sqrt(3));
        double expected = 0.5 - t / (2 * Math.Sqrt(2 + t * t));
        Assert.Equal(expected, RaceRound.PairedOneSidedP([0.10, 0.12, 0.08]), 1e-9);
        Assert.Equal(0, RaceRound.PairedOneSidedP([0.1, 0.1, 0.1]));
        Assert.Equal(1, RaceRound.PairedOneSidedP([-0.1, -0.1, -0.1]));
    }

    [Fact]
    public void Holm_multiplies_the_k_th_smallest_by_m_minus_k_and_keeps_them_monotone()
    {
        Assert.Equal([0.03, 0.06, 0.06], RaceRound.Holm([0.01, 0.04, 0.03]).Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0], RaceRound.Holm([1.0]));
    }

    [Fact]
    public void A_configuration_consistently_worse_than_the_best_is_eliminated_and_a_close_one_survives()
    {
        var best = new Entrant("opt=adam", [0.90, 0.92, 0.91]);
        var worse = new Entrant("opt=sgd", [0.80, 0.80, 0.83]);  // differences 0.10, 0.12, 0.08
        var close = new Entrant("opt=rmsprop", [0.91, 0.90, 0.91]); // differences -0.01, 0.02, 0
        var decisions = RaceRound.Decide([worse, best, close], maximize: true, Spec, seeds: 3, "val_accuracy");

        double t = 0.1 / (0.02 / Math.Sqrt(3));
        double pWorse = 0.5 - t / (2 * Math.Sqrt(2 + t * t));
        var eliminated = Assert.Single(decisions, d => d.Kind == Decision.Eliminate);
        Assert.Equal("opt=sgd", eliminated.Subject);
        Assert.Equal(2 * pWorse, eliminated.PValue!.Value, 1e-9); // Holm: the smaller of 2 p-values times 2
        Assert.Contains("opt=adam", eliminated.Reason);
        Assert.Equal(["opt=adam", "opt=rmsprop"], decisions.Where(d => d.Kind == Decision.Survive).Select(d => d.Subject));
        Assert.DoesNotContain(decisions, d => d.Kind == Decision.Stop); // 2 left, 3 of 5 seeds
    }

    [Fact]
    public void For_a_loss_lower_is_better()
    {
        var low = new Entrant("a", [0.30, 0.31, 0.29]);
        var high = new Entrant("b", [0.50, 0.52, 0.49]);
        var decisions = RaceRound.Decide([high, low], maximize: false, Spec, seeds: 3, "val_loss");
        Assert.Equal("b", Assert.Single(decisions, d => d.Kind == Decision.Eliminate).Subject);
        Assert.Contains("a wins", Assert.Single(decisions, d => d.Kind == Decision.Stop).Reason);
    }

    [Fact]
    public void At_max_seeds_the_survivors_are_not_distinguishable()
    {
        var a = new Entrant("a", [0.90, 0.91, 0.92, 0.90, 0.91]);
        var b = new Entrant("b", [0.91, 0.90, 0.91, 0.90, 0.92]);
        var stop = Assert.Single(RaceRound.Decide([a, b], true, Spec, seeds: 5, "val_accuracy"), d => d.Kind == Decision.Stop);
        Assert.Contains("not distinguishable at alpha 0.05 after 5 seeds: ", stop.Reason);
        Assert.Contains("a", stop.Reason);
    }

    [Fact]
    public void A_configuration_with_a_failed_seed_is_eliminated()
    {
        var a = new Entrant("a", [0.90, double.NaN, 0.92]);
        var b = new Entrant("b", [0.80, 0.81, 0.79]);
        var decisions = RaceRound.Decide([a, b], true, Spec, seeds: 3, "val_accuracy");
        Assert.Contains("seed 2 did not finish", Assert.Single(decisions, d => d.Kind == Decision.Eliminate).Reason);
        Assert.Contains("b wins", Assert.Single(decisions, d => d.Kind == Decision.Stop).Reason);
    }
}
