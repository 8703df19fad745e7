namespace Runner.TensorBoard;

/// <summary>
/// Where a metrics.csv column lives in TensorBoard, Keras-style: train metrics as <c>epoch_loss</c>
/// in the run's <c>train</c> sub-run, validation metrics as <c>epoch_loss</c> in <c>validation</c>
/// (so TensorBoard draws the two on one chart), test metrics as <c>test_loss</c> in the run itself.
/// </summary>
public sealed record MetricTag(string Column, string Group, string Tag, MetricDataset Dataset)
{
    public const string TrainGroup = "train";
    public const string ValidationGroup = "validation";

    /// <summary>The name the HParams tab shows: the column name, as in runs.csv.</summary>
    public string DisplayName => Column;

    public static MetricTag For(string column) =>
        column.StartsWith("val_", StringComparison.Ordinal) ? new(column, ValidationGroup, "epoch_" + column[4..], MetricDataset.Validation)
        : column.StartsWith("test_", StringComparison.Ordinal) ? new(column, "", column, MetricDataset.Unknown)
        : new(column, TrainGroup, "epoch_" + column, MetricDataset.Training);
}
