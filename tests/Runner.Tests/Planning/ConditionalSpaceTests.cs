using System.Globalization;
using Runner.Planning;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Planning;

/// <summary>
/// Conditional search spaces (<see cref="ConditionalAxis"/>): a choice whose options carry their own parameters and a
/// searched depth, as random, sobol and TPE plan them, and as validation checks them. No training: loading only.
/// </summary>
public sealed class ConditionalSpaceTests
{
    /// <summary>METHOD is the search's first line (its count and seed); the space is the same for every method.</summary>
    const string Yaml = """
        name: cond
        data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}
        model:
          input: [28, 28]
          layers:
            - flatten
            - ${hidden}
            - dense: {units: 10, activation: softmax}
        train: {optimizer: "${optimizer}", epochs: 1, seed: 1}
        sweep:
          METHOD
            lr: {loguniform: [0.001, 0.1]}
            optimizer: {choice: [{sgd: {learning_rate: "${lr}", momentum: {uniform: [0, 0.95]}}}, {adam: {learning_rate: "${lr}", beta_1: {uniform: [0.8, 0.99]}}}, {rmsprop: {learning_rate: "${lr}"}}]}
            hidden: {depth: [0, 3], layer: {dense: {units: {int: [16, 256], log: true}, activation: relu}}}
        """;

    internal static string With(string method) => Yaml.Replace("METHOD", method);

    /// <summary>A one-layer model whose optimizer is the axis `optimizer`, up to `sweep:`.</summary>
    const string OptimizerOnly = """
        name: cond
        data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: "${optimizer}", epochs: 1, seed: 1}
        sweep:

        """;

    [Theory]
    [InlineData("random: {samples: 80, seed: 3,")]
    [InlineData("sobol: {samples: 64, seed: 3,")]
    [InlineData("tpe: {trials: 80, startup: 80, seed: 3,")]
    public void Sampling_never_gives_a_value_to_a_parameter_whose_branch_is_not_taken(string method)
    {
        // The section is a flow mapping opened on the METHOD line and closed after the space.
        var yaml = With(method).Replace("log: true}, activation: relu}}}", "log: true}, activation: relu}}}}");
        var experiment = TestExperiments.Valid(yaml);
        Assert.True(experiment.Runs.Count >= 64);
        var optimizers = new HashSet<string>();
        var depths = new HashSet<int>();
        foreach (var run in experiment.Runs)
        {
            var values = run.AxisValues.ToDictionary(a => a.Key, a => a.Value);
            var optimizer = values["optimizer"];
            optimizers.Add(optimizer);
            Assert.Equal(optimizer == "sgd", values["optimizer.sgd.momentum"] != "");
            Assert.Equal(optimizer == "adam", values["optimizer.adam.beta_1"] != "");
            int depth = int.Parse(values["hidden"], CultureInfo.InvariantCulture);
            depths.Add(depth);
            for (int i = 1; i <= 3; i++) Assert.Equal(i <= depth, values[$"hidden.{i}.units"] != "");
            // The run id names only the parameters that are active.
            Assert.Equal(values.Count(v => v.Value != "" && v.Key != "trial"), run.Id.Split(',').Count(p => !p.StartsWith("trial=", StringComparison.Ordinal)));

            // The config is the branch taken, with the drawn values in place.
            var train = run.Experiment.Train.Optimizer;
            Assert.Equal(optimizer, train.Name);
            Assert.Equal(double.Parse(values["lr"], CultureInfo.InvariantCulture), train.Arguments.Float("learning_rate"), 12);
            if (optimizer == "sgd") Assert.Equal(double.Parse(values["optimizer.sgd.momentum"], CultureInfo.InvariantCulture), train.Arguments.Float("momentum"), 12);
            if (optimizer == "adam") Assert.Equal(double.Parse(values["optimizer.adam.beta_1"], CultureInfo.InvariantCulture), train.Arguments.Float("beta_1"), 12);
            var layers = run.Experiment.Model.Layers;
            Assert.Equal(depth + 2, layers.Count); // flatten, the searched layers, the output
            for (int i = 1; i <= depth; i++)
            {
                int units = layers[i].Arguments.Int("units");
                Assert.Equal(int.Parse(values[$"hidden.{i}.units"], CultureInfo.InvariantCulture), units);
                Assert.InRange(units, 16, 256);
            }
        }
        Assert.Equal(["adam", "rmsprop", "sgd"], optimizers.Order());
        Assert.Equal([0, 1, 2, 3], depths.Order());
    }

    /// <summary>
    /// adam's beta_1 fails to build at its high end (beta_1 must be below 1). The first option's parameters were only ever
    /// checked at their low end (option 0 is taken in probe row 0 only), so this passed validation and failed mid-search.
    /// </summary>
    [Fact]
    public void Validation_builds_every_branchs_extremes_and_points_at_the_one_that_fails()
    {
        var yaml = OptimizerOnly + """
              tpe:
                trials: 20
                startup: 2
                optimizer:
                  choice:
                    - adam: {beta_1: {uniform: [0.8, 1.0]}}
                    - sgd: {momentum: {uniform: [0, 0.9]}}
                    - rmsprop
            """;
        var errors = TestExperiments.Errors(yaml);
        TestExperiments.ErrorAt(errors, yaml, "{uniform: [0.8, 1.0]}", "beta_1", "1");

        // The same space with a valid high end validates, and its probes took every branch at both ends.
        var valid = TestExperiments.Valid(yaml.Replace("[0.8, 1.0]", "[0.8, 0.99]"));
        var probes = TpeSweeper.SearchOf(valid).Spec.Probes().ToList();
        foreach (var (parameter, low, high) in new[] { (1, 0.8, 0.99), (2, 0.0, 0.9) })
        {
            Assert.Contains(probes, p => p[parameter] == low);
            Assert.Contains(probes, p => p[parameter] == high);
        }
        Assert.All(probes, p => Assert.True(SpaceCondition.Consistent(TpeSweeper.SearchOf(valid).Spec.Space.Conditions, p)));
    }

    [Fact]
    public void Validation_builds_a_searched_depth_at_its_deepest_and_points_at_the_layer_that_fails()
    {
        // Five 2x2 poolings take 28 to 0: only the deepest stacks fail, which no startup trial need draw.
        var yaml = """
            name: deep
            data: {dataset: fashion_mnist, validation_split: 0.2, split_seed: 42}
            model:
              input: [28, 28, 1]
              layers:
                - ${blocks}
                - flatten
                - dense: {units: 10, activation: softmax}
            train: {epochs: 1, seed: 1}
            sweep:
              tpe:
                trials: 20
                startup: 1
                seed: 4
                blocks: {depth: [1, 6], layer: {maxpool2d: {pool_size: {choice: [2]}}}}
            """;
        var errors = TestExperiments.Errors(yaml);
        Assert.Contains(errors, e => e.Line == TestExperiments.Where(yaml, "maxpool2d").Line);
        TestExperiments.Valid(yaml.Replace("depth: [1, 6]", "depth: [1, 4]"));
    }

    [Fact]
    public void A_point_read_back_with_a_value_in_a_branch_not_taken_is_not_consistent()
    {
        var experiment = TestExperiments.Valid(With("tpe: {trials: 10, startup: 3, seed: 1,").Replace("activation: relu}}}", "activation: relu}}}}"));
        var space = TpeSweeper.SearchOf(experiment).Spec.Space;
        var names = space.Parameters.Select(p => p.Name).ToList();
        Assert.Equal(["lr", "optimizer", "optimizer.sgd.momentum", "optimizer.adam.beta_1", "hidden", "hidden.1.units", "hidden.2.units", "hidden.3.units"], names);
        double nan = double.NaN;
        Assert.True(SpaceCondition.Consistent(space.Conditions, [0.01, 0, 0.5, nan, 1, 32, nan, nan]));
        Assert.False(SpaceCondition.Consistent(space.Conditions, [0.01, 0, 0.5, 0.9, 1, 32, nan, nan]));   // adam's beta_1 on sgd
        Assert.False(SpaceCondition.Consistent(space.Conditions, [0.01, 0, nan, nan, 1, 32, nan, nan]));   // sgd without momentum
        Assert.False(SpaceCondition.Consistent(space.Conditions, [0.01, 2, nan, nan, 1, 32, 64, nan]));    // layer 2 of a 1-deep stack
    }

    [Theory]
    [InlineData("{choice: [{sgd: {momentum: {uniform: [0, 0.9]}}}, {sgd: {momentum: {uniform: [0, 0.5]}}}]}", "[{sgd", "both labelled 'sgd'")]
    [InlineData("{depth: [3, 1], layer: {dense: {units: {int: [16, 64]}}}}", "[3, 1]", "low (3) must not be above high (1)")]
    [InlineData("{depth: [1, 40], layer: {dense: {units: 8}}}", "40", "depth[1]")]
    [InlineData("{depth: [1, 3]}", "{depth", "needs the `layer:`")]
    [InlineData("{depth: [1, 3], layer: {dense: {units: 8}}, width: 4}", "width", "unknown key 'width'")]
    [InlineData("{depth: [1, 32], layer: {dense: {units: {int: [8, 16]}, activation: {choice: [{depth: [1, 32], layer: {dense: {units: {int: [4, 8]}}}}, relu]}}}}", "{int: [4, 8]}", "more than 256 parameters")]
    [InlineData("{choice: [relu, tanh], log: true}", "log", "only `int` and `uniform` take `log: true`")]
    [InlineData("{choice: [{sgd: {momentum: {uniform: [0.9, 0.1]}}}, adam]}", "[0.9, 0.1]", "optimizer.choice[0].sgd.momentum.uniform: low (0.9) must be below high (0.1)")]
    [InlineData("{choice: [{sgd: {momentum: {uniform: [0, 0.9]}}}, adam], seed: 2}", "seed: 2", "takes only `choice:`")]
    public void Bad_conditional_syntax_is_reported_where_it_is_written(string optimizer, string at, string words)
    {
        var yaml = OptimizerOnly + """
              random:
                samples: 4
                optimizer: OPTIMIZER
            """.Replace("OPTIMIZER", optimizer);
        var (line, column) = TestExperiments.Where(yaml, at, after: "samples");
        TestExperiments.ErrorAt(TestExperiments.Errors(yaml), line, column, words);
    }
}
