namespace Runner.Reporting.Results;

/// <summary>One row of a run's metrics.csv. Empty cells (no validation split) are simply absent.</summary>
public sealed record EpochRecord(int Epoch, IReadOnlyDictionary<string, double> Values)
{
    public double? this[string column] => Values.TryGetValue(column, out var v) ? v : null;
}
