using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>Turns a loaded dataset into what one run trains on, as <see cref="DataSpec"/> says.</summary>
public static class DataPreparation
{
    /// <summary>
    /// Validation split: a seeded shuffle split of the training set (<see cref="SeededSplit"/>): the
    /// first ceil(validation_split * n) rows of a permutation seeded with split_seed are the validation
    /// set, the rest (in permutation order) the training set. train_limit then keeps the first N rows
    /// of that training part, validation_limit the first N of the validation part (train_limit leaves it
    /// whole) and test_limit the first N rows of the official test set; a limit larger
    /// than what is there keeps everything. Every tensor returned is the run's own handle: selected
    /// rows are copies, untouched sets are views of <paramref name="raw"/>, so disposing the result
    /// never frees the shared dataset.
    /// </summary>
    public static PreparedData Prepare(RawDataset raw, DataSpec spec)
    {
        if (spec.ValidationSplit is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(spec), "validation_split must be in [0, 1)");
        using var scope = NewDisposeScope();

        Tensor trainX, trainY;
        Tensor? validationX = null, validationY = null;
        if (spec.ValidationSplit > 0)
        {
            var (kept, heldOut) = SeededSplit.Indices(raw.TrainLabels.shape[0], spec.ValidationSplit, spec.SplitSeed);
            kept = FirstRows(kept, spec.TrainLimit);
            heldOut = FirstRows(heldOut, spec.ValidationLimit);
            trainX = raw.TrainImages.index_select(0, kept);
            trainY = raw.TrainLabels.index_select(0, kept);
            validationX = raw.TrainImages.index_select(0, heldOut).MoveToOuterDisposeScope();
            validationY = raw.TrainLabels.index_select(0, heldOut).MoveToOuterDisposeScope();
        }
        else
        {
            trainX = FirstRows(raw.TrainImages, spec.TrainLimit);
            trainY = FirstRows(raw.TrainLabels, spec.TrainLimit);
        }

        return new PreparedData(
            trainX.MoveToOuterDisposeScope(), trainY.MoveToOuterDisposeScope(),
            validationX, validationY,
            FirstRows(raw.TestImages, spec.TestLimit).MoveToOuterDisposeScope(),
            FirstRows(raw.TestLabels, spec.TestLimit).MoveToOuterDisposeScope(),
            raw, spec.OneHot);
    }

    /// <summary>A view of the first <paramref name="limit"/> rows (all rows without a limit), as a new handle.</summary>
    static Tensor FirstRows(Tensor rows, int? limit)
    {
        if (limit is <= 0) throw new ArgumentOutOfRangeException(nameof(limit), "a sample limit must be at least 1");
        return limit is int n && n < rows.shape[0] ? rows.narrow(0, 0, n) : rows.alias();
    }
}
