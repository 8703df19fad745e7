using Runner.Files;
using Runner.Recording;

namespace Runner.Tests.Files;

public sealed class FileLockTests
{
    [Fact]
    public void A_held_lock_is_refused_until_released()
    {
        using var dir = new TempFolder();
        var path = dir[".lock"];
        using (var first = FileLock.TryAcquire(path, TimeSpan.Zero))
        {
            Assert.NotNull(first);
            Assert.Null(FileLock.TryAcquire(path, TimeSpan.FromMilliseconds(50)));
        }
        using var again = FileLock.TryAcquire(path, TimeSpan.Zero);
        Assert.NotNull(again);
    }

    [Fact]
    public void A_planted_record_of_a_live_process_is_no_holder_unless_the_lock_is_held()
    {
        using var dir = new TempFolder();
        var path = dir[".lock"];
        var planted = $"pid={Environment.ProcessId} host={Environment.MachineName}\n";   // alive, but holds nothing
        File.WriteAllText(path, planted);

        Assert.Null(FileLock.Holder(path));
        Assert.Equal(planted, File.ReadAllText(path));   // the probe writes nothing
        Assert.Null(FileLock.Holder(dir["absent.lock"]));
        Assert.False(File.Exists(dir["absent.lock"]));

        using (FileLock.Acquire(path))
            Assert.Equal(LockOwner.Current, FileLock.Holder(path));
        Assert.Null(FileLock.Holder(path));
    }
}
