using Runner.Reporting.Charts;

namespace Runner.Tests.Reporting;

/// <summary>The chart warm-up a sweep starts: once per process, and it leaves nothing behind.</summary>
public sealed class ChartWarmUpTests
{
    [Fact]
    public void The_warm_up_runs_once_and_removes_the_charts_it_drew()
    {
        var task = ChartWarmUp.Start();
        Assert.Same(task, ChartWarmUp.Start());
        Assert.True(task.Wait(TimeSpan.FromMinutes(5)));
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), $"{ChartWarmUp.FolderPrefix}{Environment.ProcessId}-*"));
    }
}
