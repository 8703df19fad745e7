using Runner.Recording;
using Runner.Sweeps.Launchers.Slurm;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

public sealed class TimeLimitStopsTests
{
    [Fact]
    public void Counts_stops_in_a_row_without_a_finished_epoch_and_starts_again_after_progress()
    {
        using var folder = new TempFolder();
        var run = new RunFolder(folder.Path);
        Assert.Equal(1, TimeLimitStops.Record(run, finishedAnEpoch: false));
        Assert.Equal(2, TimeLimitStops.Record(run, finishedAnEpoch: false));
        Assert.Equal(0, TimeLimitStops.Record(run, finishedAnEpoch: true));
        Assert.Equal(1, TimeLimitStops.Record(run, finishedAnEpoch: false));
        Assert.Equal(2, TimeLimitStops.Record(run, finishedAnEpoch: false));
        Assert.Equal(TimeLimitStops.Limit, TimeLimitStops.Record(run, finishedAnEpoch: false));
    }
}
