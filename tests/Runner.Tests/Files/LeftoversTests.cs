using Runner.Files;

namespace Runner.Tests.Files;

public sealed class LeftoversTests
{
    // A pid above Linux's pid_max (4194304): no process here has it.
    const string DeadWriter = ".runs.csv.99999999.0123456789abcdef0123456789abcdef.tmp";

    [Fact]
    public void A_killed_writers_old_temporary_file_is_removed()
    {
        using var dir = new TempFolder();
        var path = dir[DeadWriter];
        File.WriteAllText(path, "half a file");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-2));
        Leftovers.RemoveTemporaryFiles(dir.Path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_fresh_temporary_file_of_a_pid_not_running_here_is_kept_it_may_be_a_writer_on_another_node()
    {
        using var dir = new TempFolder();
        var path = dir[DeadWriter];
        File.WriteAllText(path, "being written on node B");
        Leftovers.RemoveTemporaryFiles(dir.Path);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_live_writers_temporary_file_is_kept_however_old()
    {
        using var dir = new TempFolder();
        var path = dir[$".runs.csv.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp"];
        File.WriteAllText(path, "being written here");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        Leftovers.RemoveTemporaryFiles(dir.Path);
        Assert.True(File.Exists(path));
    }
}
