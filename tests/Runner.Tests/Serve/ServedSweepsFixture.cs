namespace Runner.Tests.Serve;

/// <summary>
/// Two small real sweeps, trained once for the serve tests on generated data: a grid (sgd and adam, two
/// seeds each) and a random search with a log-uniform learning rate and an integer width.
/// </summary>
public sealed class ServedSweepsFixture : IDisposable
{
    public const string Grid = """
        name: grid
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 100}, validation_split: 0.1}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 16, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: ${optimizer}, epochs: 3, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          optimizer: [sgd, adam]
          seed: [1, 2]
        """;

    public const string Search = """
        name: search
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 100}, validation_split: 0.1}
        model: {input: [28, 28], layers: [flatten, {dense: {units: ${units}, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: adam, learning_rate: ${lr}}, epochs: 2, batch_size: 32, seed: 1, threads: 1}
        sweep:
          random: {samples: 5, seed: 3, lr: {loguniform: [0.0001, 0.1]}, units: {int: [8, 32]}}
        """;

    readonly SweepHarness _harness = new();

    public ServedSweepsFixture()
    {
        foreach (var yaml in new[] { Grid, Search })
        {
            var experiment = _harness.Load(yaml, yaml.Split('\n')[0]["name: ".Length..].Trim());
            var result = _harness.Run(experiment);
            Assert.True(result.Unfinished.Count == 0, _harness.Log.ToString());
        }
    }

    /// <summary>The folder holding both sweeps' folders (grid/ and search/).</summary>
    public string Results => _harness.Results;

    public string GridFolder => Path.Combine(Results, "grid");
    public string SearchFolder => Path.Combine(Results, "search");

    public void Dispose() => _harness.Dispose();
}
