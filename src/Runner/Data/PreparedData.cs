using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// What one run trains on: the training part after the validation split and any limit, the
/// validation part (null when validation_split is 0) and the official test set. Labels are int64
/// class indices; <see cref="OneHot"/> says whether the loss wants one-hot targets made from them.
/// Disposing frees this run's tensors only, never the shared <see cref="Source"/>.
/// </summary>
public sealed record PreparedData(
    Tensor TrainX, Tensor TrainY,
    Tensor? ValidationX, Tensor? ValidationY,
    Tensor TestX, Tensor TestY,
    RawDataset Source, bool OneHot) : IDisposable
{
    public int Classes => Source.Classes;
    public long TrainCount => TrainX.shape[0];

    /// <summary>Copies of the tensors on another device (the source stays shared).</summary>
    public PreparedData To(Device device) => new(
        TrainX.to(device), TrainY.to(device), ValidationX?.to(device), ValidationY?.to(device),
        TestX.to(device), TestY.to(device), Source, OneHot);

    public void Dispose()
    {
        TrainX.Dispose(); TrainY.Dispose();
        ValidationX?.Dispose(); ValidationY?.Dispose();
        TestX.Dispose(); TestY.Dispose();
    }
}
