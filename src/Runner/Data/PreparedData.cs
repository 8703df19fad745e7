using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// What one run trains on: the training part after the validation split and any limit, the
/// validation part (null when validation_split is 0) and the official test set. Labels are int64
/// class indices; <see cref="OneHot"/> says whether the loss wants one-hot targets made from them.
/// </summary>
public sealed record PreparedData(
    Tensor TrainX, Tensor TrainY,
    Tensor? ValidationX, Tensor? ValidationY,
    Tensor TestX, Tensor TestY,
    RawDataset Source, bool OneHot)
{
    public int Classes => Source.Classes;
    public long TrainCount => TrainX.shape[0];
}
