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
}
