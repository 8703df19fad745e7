using Runner.Results;

namespace Runner.Tests.Results;

/// <summary>Per-epoch records as tests write them: loss and accuracy, and validation values where given.</summary>
static class Epochs
{
    public static EpochMetrics Row(int epoch, double loss, double accuracy, double? valLoss, double? valAccuracy,
        double learningRate, double trainSeconds, double seconds) =>
        new(epoch, Values(loss, accuracy).Concat(valLoss is { } vl && valAccuracy is { } va ? Values(vl, va).Prefixed("val_") : null),
            learningRate, trainSeconds, seconds);

    public static MetricValues Values(double loss, double accuracy) => new([new("loss", loss), new("accuracy", accuracy)]);
}
