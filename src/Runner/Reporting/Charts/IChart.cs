namespace Runner.Reporting.Charts;

/// <summary>One PNG of the report. Drawing happens in <see cref="Save"/>, so a chart that fails fails alone.</summary>
public interface IChart
{
    /// <summary>File name inside report/, e.g. <c>learning_curves_loss.png</c>.</summary>
    string FileName { get; }

    /// <summary>What the chart shows, used as its caption in report.md and report.html.</summary>
    string Caption { get; }

    void Save(string path);
}
