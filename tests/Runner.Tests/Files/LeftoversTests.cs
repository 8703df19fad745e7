using Runner.Files;

namespace Runner.Tests.Files;

public sealed class LeftoversTests
{
    // A pid above Linux's pid_max (4194304): no process here has it.
    const string DeadWriter = ".runs.csv.99999999.0123456789abcdef0123456789abcdef.tmp";

    /// <summary>Writes <paramref name="name"/>, last written <paramref name="age"/> ago, cleans up, and says whether it is still there.</summary>
    static bool KeptAfterCleanup(string name, TimeSpan age)
    {
        using var dir = new TempFolder();
        var path = dir[name];
        File.WriteAllText(path, "some bytes");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        Leftovers.RemoveTemporaryFiles(dir.Path);
        return File.Exists(path);
    }

    [Fact]
    public void A_killed_writers_old_temporary_file_is_removed() =>
        Assert.False(KeptAfterCleanup(DeadWriter, TimeSpan.FromMinutes(2)));

    [Fact]
    public void A_fresh_temporary_file_of_a_pid_not_running_here_is_kept_it_may_be_a_writer_on_another_node() =>
        Assert.True(KeptAfterCleanup(DeadWriter, TimeSpan.Zero));

    [Fact]
    public void A_live_writers_temporary_file_is_kept_however_old() =>
        Assert.True(KeptAfterCleanup($".runs.csv.{Environment.ProcessId}.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromHours(1)));

    [Theory]
    [InlineData(".notes.99999999.x.tmp")]
    [InlineData(".notes.99999999.0123456789abcdef0123456789abcdeg.tmp")]
    [InlineData("..99999999.0123456789abcdef0123456789abcdef.tmp")]
    public void An_old_file_named_almost_like_ours_is_a_users_and_is_kept(string name) =>
        Assert.True(KeptAfterCleanup(name, TimeSpan.FromHours(1)));

    [Fact]
    public void A_killed_writer_of_this_machine_leaves_nothing_for_a_rerun_that_comes_at_once() =>
        Assert.False(KeptAfterCleanup($".runs.csv.99999999-{Leftovers.HostTag}.0123456789abcdef0123456789abcdef.tmp", TimeSpan.Zero));

    [Fact]
    public void A_fresh_file_of_another_machines_writer_is_kept_for_a_minute()
    {
        Assert.True(KeptAfterCleanup(".runs.csv.99999999-00000000.0123456789abcdef0123456789abcdef.tmp", TimeSpan.Zero));
        Assert.False(KeptAfterCleanup(".runs.csv.99999999-00000000.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void A_pid_reused_by_a_process_started_after_the_write_is_not_the_writer() =>
        // The test host's parent is alive, but it started long after a file written ten years ago.
        Assert.False(KeptAfterCleanup($".runs.csv.{ParentPid()}-{Leftovers.HostTag}.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromDays(3650)));

    static string ParentPid() => File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    [Fact]
    public void Atomic_writes_name_their_temporary_file_with_this_machines_tag()
    {
        using var dir = new TempFolder();
        string? seen = null;
        AtomicFile.WriteVia(dir["a.csv"], temp => { seen = Path.GetFileName(temp); File.WriteAllText(temp, "x"); });
        Assert.StartsWith($".a.csv.{Environment.ProcessId}-{Leftovers.HostTag}.", seen);
    }
}
