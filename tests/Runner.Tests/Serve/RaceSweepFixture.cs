namespace Runner.Tests.Serve;

/// <summary>
/// A small real race for the serve tests, trained once: three learning rates on an easy synthetic set
/// (noise 0.5), so the one at 1e-6 stays at chance and goes out in the first round while the other two race on.
/// </summary>
public sealed class RaceSweepFixture : IDisposable
{
    public const string Race = """
        name: race
        data: {dataset: {name: synthetic, train_samples: 600, test_samples: 100, noise: 0.5}, validation_split: 0.1}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 16, activation: relu}}, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: {name: adam, learning_rate: ${lr}}, epochs: 2, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          lr: [0.01, 0.003, 0.000001]
          race: {first: 3, max_seeds: 4, alpha: 0.05}
        """;

    readonly SweepHarness _harness = new();

    public RaceSweepFixture()
    {
        // The configurations eliminated leave their later seeds unrun: a race's plan never all finishes.
        _harness.Run(_harness.Load(Race, "race"));
    }

    public string Folder => Path.Combine(_harness.Results, "race");

    public void Dispose() => _harness.Dispose();
}
