namespace Runner.Reporting.Charts;

/// <summary>The image sources the report knows.</summary>
public static class DatasetImageSources
{
    /// <summary>
    /// The source used when none is given. Until the data layer is wired in here, none: the report
    /// then draws everything except the image grids.
    /// </summary>
    public static IDatasetImageSource? Default { get; set; }
}
