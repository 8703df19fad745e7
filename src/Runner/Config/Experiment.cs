using Runner.Models.Specs;

namespace Runner.Config;

/// <summary>
/// One fully resolved experiment: every value checked, every default filled in. A sweep expands into
/// one of these per run.
/// </summary>
public sealed record Experiment(string Name, DataSpec Data, ModelSpec Model, TrainSpec Train);

/// <summary>`data:`. Dataset is a dataset-registry component (csv takes a path, synthetic a size...).</summary>
public sealed record DataSpec(
    ComponentSpec Dataset,
    double ValidationSplit,   // 0 = no validation set
    int SplitSeed,
    bool OneHot,              // targets as one-hot rows (categorical_crossentropy, mse)
    int? TrainLimit,          // use only the first N training samples (quick runs, tests)
    int? TestLimit);

/// <summary>`train:`.</summary>
public sealed record TrainSpec(
    ComponentSpec Optimizer,
    ComponentSpec Loss,
    IReadOnlyList<string> Metrics,
    int Epochs,
    int BatchSize,
    int Seed,
    bool Shuffle,
    string Device,
    int Threads);             // torch intra-op threads; 0 = all cores
