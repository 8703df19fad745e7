using Runner.Planning;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>TPE under a constraint known before training, planned as `runner` plans it (no training: the observations are given).</summary>
public sealed class TpeFeasibilityTests
{
    // 795 u + 10 parameters: "parameters <= 60000" keeps units <= 75 of [8, 512], the lower seventh of the space.
    const string Yaml = """
        name: feasible
        data: {dataset: synthetic, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, {dense: {units: "${units}", activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: sgd, learning_rate: "${lr}"}, epochs: 1}
        report: {objectives: {val_accuracy: max, parameters: min}}
        sweep:
          tpe: {trials: 20, startup: 6, seed: 4, lr: {loguniform: [0.001, 0.3]}, units: {int: [8, 512]}}
          constraints: ["parameters <= 60000"]
        """;

    [Fact]
    public void Startup_points_above_the_bound_are_drawn_again_and_TPE_finds_a_feasible_point_in_a_few_draws()
    {
        var experiment = TestExperiments.Valid(Yaml);
        var search = (TpeSearch)experiment.Method!;
        Assert.Equal(6, experiment.Runs.Count);
        Assert.True(experiment.Feasible!.Redrawn > 0, "no startup point was drawn again, so this shows nothing");
        Assert.All(experiment.Runs, r => Assert.InRange(r.ModelPlan.TotalParameters, 1, 60000));
        Assert.Equal(Enumerable.Range(1, 6), experiment.Runs.Select(TpeSpec.TrialOf));

        // The trials so far all lie in the feasible seventh; TPE prefers what it has not seen (above 75 units), so
        // without the rejected draws counted as bad it draws there again and again.
        var sampler = search.Spec.Sampler(true, [true, false]);
        var observations = experiment.Runs.Select((r, i) => new Observation(search.Spec.Point(r), 0.7 + 0.01 * i)
            { Values = [0.7 + 0.01 * i, r.ModelPlan.TotalParameters] }).ToList();
        for (int trial = 7; trial <= 12; trial++)
        {
            var (run, draws) = TpeFeasibility.Propose(search, sampler, trial, observations, experiment.Constraints);
            Assert.InRange(run.ModelPlan.TotalParameters, 1, 60000);
            Assert.True(draws <= 30, $"trial {trial} took {draws} draws");
            observations.Add(new Observation(search.Spec.Point(run), 0.7) { Values = [0.7, run.ModelPlan.TotalParameters] });
        }
    }
}
