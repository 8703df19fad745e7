using Runner.Planning;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>The sampler with several objectives and with constraints, on synthetic objectives (no training).</summary>
public sealed class MultiObjectiveSamplerTests
{
    static readonly NumberDimension X = new("x", 0, 1, Log: false, Integer: false), Y = new("y", 0, 1, Log: false, Integer: false);

    /// <summary>ZDT1: f1 = x, f2 = g (1 - sqrt(x / g)) with g = 1 + 9 y, both minimised; the front is y = 0.</summary>
    static double[] Zdt1(IReadOnlyList<double> p)
    {
        double g = 1 + 9 * p[1];
        return [p[0], g * (1 - Math.Sqrt(p[0] / g))];
    }

    static double Volume(TpeSampler sampler, int trials)
    {
        var observations = new List<Observation>();
        for (int t = 0; t < trials; t++)
        {
            var point = sampler.Propose(t, observations);
            var values = Zdt1(point);
            observations.Add(new Observation(point, values[0]) { Values = values });
        }
        return Hypervolume.Of(observations.Select(o => o.Values!).ToList(), [1.1, 11]);
    }

    [Fact]
    public void On_ZDT1_multi_objective_TPE_dominates_more_than_random_draws_at_equal_trials_for_every_seed()
    {
        foreach (ulong seed in new ulong[] { 1, 2, 3, 4, 5 })
        {
            double tpe = Volume(new TpeSampler([X, Y], startup: 10, seed, maximize: false) { Objectives = [false, false] }, 40);
            double random = Volume(new TpeSampler([X, Y], startup: 1000, seed, maximize: false) { Objectives = [false, false] }, 40);
            Assert.True(tpe > random, $"seed {seed}: hypervolume TPE {tpe:F3}, random {random:F3}");
        }
    }

    [Fact]
    public void Under_a_constraint_known_after_training_the_proposals_move_into_the_feasible_region()
    {
        // Best at x = 0.9, but x <= 0.5 is required: the violation is how far x lies above 0.5.
        static List<Observation> Search(TpeSampler sampler)
        {
            var observations = new List<Observation>();
            for (int t = 0; t < 40; t++)
            {
                var point = sampler.Propose(t, observations);
                observations.Add(new Observation(point, -Math.Abs(point[0] - 0.9)) { Violation = Math.Max(0, point[0] - 0.5) });
            }
            return observations;
        }
        var constrained = Search(new TpeSampler([X], startup: 10, seed: 1, maximize: true) { Constrained = true });
        var unconstrained = Search(new TpeSampler([X], startup: 10, seed: 1, maximize: true));
        int Feasible(List<Observation> o) => o.Skip(10).Count(x => x.Violation == 0);
        // The good density sits at the best feasible points, on the boundary, so about half its proposals fall just inside.
        Assert.True(Feasible(constrained) >= 12 && Feasible(unconstrained) <= 3,
            $"{Feasible(constrained)} of 30 TPE proposals feasible under the constraint, {Feasible(unconstrained)} without it (TPE goes to 0.9)");
        double MedianDistance(List<Observation> o, double to) => MathNet.Numerics.Statistics.Statistics.Median(o.Skip(20).Select(x => Math.Abs(x.Point[0] - to)));
        Assert.True(MedianDistance(constrained, 0.5) < 0.1, $"constrained proposals lie {MedianDistance(constrained, 0.5):F3} from the boundary on median");
        Assert.True(constrained.Where(x => x.Violation == 0).Max(x => x.Point[0]) > 0.45);
    }
}
