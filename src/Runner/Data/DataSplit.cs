namespace Runner.Data;

/// <summary>Whether a validation split leaves training data, decided before anything is loaded.</summary>
internal static class DataSplit
{
    /// <summary>Null when both parts keep samples; else why not.</summary>
    public static string? Problem(long available, double validationSplit)
    {
        if (validationSplit <= 0) return available >= 1 ? null : "the dataset has no training samples";
        long heldOut = SeededSplit.HeldOutCount(available, validationSplit);
        return available - heldOut >= 1 ? null
            : $"{validationSplit} of the {available} training samples leaves no sample to train on; use a smaller split";
    }
}
