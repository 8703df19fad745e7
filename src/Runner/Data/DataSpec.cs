using Runner.Models.Specs;

namespace Runner.Data;

/// <summary>`data:`. Dataset is a dataset-registry component (csv takes a path, synthetic a size...).</summary>
public sealed record DataSpec(
    ComponentSpec Dataset,
    double ValidationSplit,   // 0 = no validation set
    int SplitSeed,
    bool OneHot,              // targets as one-hot rows (categorical_crossentropy, mse)
    int? TrainLimit,          // use only the first N training samples (quick runs, tests)
    int? TestLimit,
    int? ValidationLimit = null);   // use only the first N samples of the validation split (train_limit leaves it whole)
