using Runner.Config;
using Runner.Files;
using Runner.Results;
using Runner.Sweeps.Launchers.Slurm;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>slurm/jobs.csv and each submission's tasks.txt come from the results folder, which may be someone else's.</summary>
public sealed class SlurmJobsTests
{
    [Fact]
    public void Reads_each_submissions_tasks_each_one_run_or_a_fused_array()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["submit-1"]);
        File.WriteAllText(folder["jobs.csv"], "submitted,array_job,report_job,folder\n2026-01-02T03:04:05.0000000Z,11,12,submit-1\n");
        File.WriteAllText(folder["submit-1/tasks.txt"], "seed=1-abc\r\nseed=2-def seed=3-fed\n");
        var submission = Assert.Single(new SlurmJobs(folder.Path).Read());
        // A line per task: one run, or the runs of a fused array.
        Assert.Equal(["seed=1-abc"], submission.Tasks[0]);
        Assert.Equal(["seed=2-def", "seed=3-fed"], submission.Tasks[1]);
        Assert.Equal("11", submission.ArrayJob);
    }

    /// <summary>A sparse 3 GB tasks.txt took `runner status` to 8.4 GB; now status refuses it and the reader never holds more than the limit.</summary>
    [Fact]
    public void A_huge_planted_tasks_file_is_refused_without_reading_it_whole()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["slurm/submit-1"]);
        File.WriteAllText(folder["slurm/jobs.csv"], "submitted,array_job,report_job,folder\n2026-01-02T03:04:05.0000000Z,11,12,submit-1\n");
        using (var sparse = File.Create(folder["slurm/submit-1/tasks.txt"])) sparse.SetLength(Limits.MaxResultsFileBytes + 1);

        var refused = Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder.Path));
        Assert.Contains("tasks.txt is larger than 64 MB", refused.Message);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var damaged = Assert.Throws<DamagedResultsFileException>(() => new SlurmJobs(folder["slurm"]).Read());
        Assert.Contains("tasks.txt: larger than 64 MB", damaged.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 3L * Limits.MaxResultsFileBytes);
    }
}
