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

/// <summary>
/// A task's time-limit stop over the runs of its fused array: each run counts its own stops, and when every run
/// of the task has reached the limit each is failed and the task is not requeued (no Slurm is asked: the job id
/// here names no job, so a requeue would throw).
/// </summary>
public sealed class TaskStopTests
{
    [Fact]
    public void When_every_run_of_the_array_reached_the_limit_each_fails_and_the_task_is_not_requeued()
    {
        using var folder = new TempFolder();
        var experiment = TestExperiments.Valid(TestExperiments.Mlp + "\nsweep:\n  train.batch_size: [16, 32]\n");
        var results = new ExperimentFolder(folder.Path);
        var runs = experiment.Runs.Select(r => (r, results.Run(r), 0)).ToList();
        foreach (var (_, run, _) in runs)
        {
            Directory.CreateDirectory(run.Path);
            for (int i = 1; i < TimeLimitStops.Limit; i++) TimeLimitStops.Record(run, finishedAnEpoch: false);
        }
        var failed = new List<string>();

        var said = TaskStop.Handle(timeLimit: true, new SlurmTask("0", "0", 0), runs, (run, reason) => failed.Add($"{run.Id}: {reason}"));

        Assert.Equal(2, failed.Count);
        Assert.All(failed, f => Assert.Contains($"stopped it {TimeLimitStops.Limit} times in a row", f));
        Assert.DoesNotContain("requeued", said);
        Assert.Contains($"run {experiment.Runs[1].Id} failed", said);
    }
}
