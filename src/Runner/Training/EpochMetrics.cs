namespace Runner.Training;

/// <summary>One row of metrics.csv. Validation values are null when there is no validation split.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    double Accuracy,
    double? ValLoss,
    double? ValAccuracy,
    double LearningRate,
    double TrainSeconds,
    double Seconds)
{
    /// <summary>A metric by the name used in configs and CSVs (loss, accuracy, val_loss, val_accuracy).</summary>
    public double? Get(string metric) => metric switch
    {
        "loss" => Loss,
        "accuracy" => Accuracy,
        "val_loss" => ValLoss,
        "val_accuracy" => ValAccuracy,
        _ => throw new ArgumentException($"unknown metric '{metric}'"),
    };
}

/// <summary>Loss and accuracy of one pass over a dataset, and how long an evaluation pass took (0 for training).</summary>
public readonly record struct Evaluation(double Loss, double Accuracy, double Seconds = 0);
