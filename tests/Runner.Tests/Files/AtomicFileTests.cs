using Runner.Files;
using Runner.Recording;

namespace Runner.Tests.Files;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_failed_write_leaves_the_old_content_and_no_temporary_file()
    {
        using var dir = new TempFolder();
        var path = dir["runs.csv"];
        AtomicFile.WriteAllText(path, "old\n");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new, half written"u8);
            throw new InvalidOperationException("disk vanished");
        }));

        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Equal(["runs.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_replaces_the_whole_file()
    {
        using var dir = new TempFolder();
        var path = dir["a.txt"];
        AtomicFile.WriteAllText(path, "a much longer first version\n");
        AtomicFile.WriteAllText(path, "short\n");
        Assert.Equal("short\n", File.ReadAllText(path));
    }
}
