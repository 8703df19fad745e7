namespace Runner.Reporting.Charts;

/// <summary>The image sources the report knows.</summary>
public static class DatasetImageSources
{
    /// <summary>
    /// The source used when none is given: the data layer, which reads the cached dataset. Tests
    /// and tools that want no dataset loading pass their own source, or null.
    /// </summary>
    public static IDatasetImageSource Default => new DataLayerImageSource();
}
