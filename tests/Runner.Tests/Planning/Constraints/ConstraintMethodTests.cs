using Runner.Planning;

namespace Runner.Tests.Planning.Constraints;

/// <summary>
/// A sweep method refuses what it can't honour, at load, instead of reporting a contradiction later (red team):
/// a race eliminated on its metric alone and named a winner that broke a constraint judged after training while
/// the report's best was another configuration; a warm-started TPE search counted every earlier run as within such
/// a constraint, and, when multi-objective, as bad.
/// </summary>
public class ConstraintMethodTests
{
    static IReadOnlyList<string> Errors(string file, params string[] settings) =>
        ExperimentLoader.Load(Path.Combine(Repository.Experiments, file), settings, TestExperiments.Options).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void A_race_refuses_a_constraint_judged_after_training_and_keeps_one_known_before()
    {
        var error = Assert.Single(Errors("optimizers_race.yaml", "sweep.constraints=[\"val_accuracy >= 0.5\"]"));
        Assert.Contains("\"val_accuracy >= 0.5\" is judged after training, but a race eliminates", error, StringComparison.Ordinal);

        Assert.Empty(Errors("optimizers_race.yaml", "sweep.constraints=[\"parameters <= 1000000\"]"));
    }

    [Fact]
    public void Warm_start_refuses_a_constraint_judged_after_training_and_several_objectives()
    {
        var error = Assert.Single(Errors("tpe_warm_start.yaml", "sweep.constraints=[\"train_seconds <= 60\"]"));
        Assert.Contains("warm start's earlier runs carry no judgement of it", error, StringComparison.Ordinal);
        Assert.Empty(Errors("tpe_warm_start.yaml", "sweep.constraints=[\"parameters <= 1000000\"]"));

        var objectives = Assert.Single(Errors("tpe_warm_start.yaml", "report.objectives={val_accuracy: max, parameters: min}"));
        Assert.Contains("sweep.tpe.warm_start: an earlier run is read with its report metric alone", objectives, StringComparison.Ordinal);
        Assert.Empty(Errors("tpe.yaml", "report.objectives={val_accuracy: max, parameters: min}"));
    }
}
