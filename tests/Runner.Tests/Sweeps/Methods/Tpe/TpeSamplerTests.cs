using Runner.Sweeps.Methods.Tpe;
using Runner.Planning;

namespace Runner.Tests.Sweeps.Methods.Tpe;

public sealed class TpeSamplerTests
{
    static readonly NumberDimension LearningRate = new("lr", 1e-4, 1, Log: true, Integer: false);

    /// <summary>Best at lr = 0.01: the distance in decades, negated (higher is better).</summary>
    static double Objective(double lr) => -Math.Abs(Math.Log10(lr) + 2);

    static List<Observation> Search(TpeSampler sampler, int trials)
    {
        var observations = new List<Observation>();
        for (int t = 0; t < trials; t++)
        {
            var point = sampler.Propose(t, observations);
            observations.Add(new Observation(point, Objective(point[0])));
        }
        return observations;
    }

    [Fact]
    public void On_a_known_1d_objective_the_proposals_after_startup_concentrate_near_the_optimum()
    {
        var tpe = Search(new TpeSampler([LearningRate], startup: 8, seed: 1, maximize: true), 40);
        var random = Search(new TpeSampler([LearningRate], startup: 1000, seed: 1, maximize: true), 40);

        double TailMedian(List<Observation> o) => MathNet.Numerics.Statistics.Statistics.Median(o.Skip(25).Select(x => -x.Value!.Value));
        // Random over 4 decades sits about 1 decade from 0.01 on median; TPE's last 15 within a fraction of one.
        Assert.True(TailMedian(tpe) < 0.35, $"TPE's last proposals are {TailMedian(tpe):F3} decades from the optimum on median");
        Assert.True(TailMedian(random) > 0.6, $"random: {TailMedian(random):F3}");
        Assert.True(tpe.Max(o => o.Value!.Value) > -0.1);
    }

    [Fact]
    public void The_good_density_is_higher_than_the_bad_one_near_the_good_observations()
    {
        var good = new ParzenEstimator(LearningRate, [0.01, 0.012]);
        var bad = new ParzenEstimator(LearningRate, [0.0002, 0.5, 0.3, 0.0005]);
        Assert.True(good.LogDensity(0.011) - bad.LogDensity(0.011) > 0.5); // 0.76: few observations keep the bandwidths wide (the magic clip)
        Assert.True(good.LogDensity(0.4) < bad.LogDensity(0.4));
        var choice = new ParzenEstimator(new ChoiceDimension("activation", 3), [1, 1, 1]);
        Assert.True(choice.LogDensity(1) > choice.LogDensity(0));
        Assert.Equal(1.0, Enumerable.Range(0, 3).Sum(c => Math.Exp(choice.LogDensity(c))), 1e-9);
    }

    [Fact]
    public void The_same_seed_and_observations_give_the_same_proposal_and_pending_trials_push_proposals_apart()
    {
        var sampler = new TpeSampler([LearningRate, new ChoiceDimension("act", 2)], startup: 4, seed: 7, maximize: true);
        var observations = new List<Observation>();
        for (int t = 0; t < 12; t++)
        {
            var p = sampler.Propose(t, observations);
            observations.Add(new Observation(p, Objective(p[0])));
        }
        Assert.Equal(sampler.Propose(12, observations), new TpeSampler([LearningRate, new ChoiceDimension("act", 2)], 4, 7, true).Propose(12, observations));

        // Constant liar: with the proposal pending as a bad observation, the next worker gets another point.
        var first = sampler.Propose(12, observations);
        var second = sampler.Propose(13, [.. observations, new Observation(first, null)]);
        Assert.NotEqual(first[0], second[0]);
        Assert.Equal(2, TpeSampler.Gamma(12));
        Assert.Equal(25, TpeSampler.Gamma(1000));
    }
}
