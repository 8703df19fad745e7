using Runner.Files;

namespace Runner.Tests.Files;

public sealed class RealPathTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("realpath-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Links_along_the_path_are_resolved_and_missing_parts_kept()
    {
        var results = Directory.CreateDirectory(Path.Combine(_root, "results", "sweep")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(elsewhere, "via"), results);
        Directory.CreateSymbolicLink(Path.Combine(_root, "chain"), Path.Combine(elsewhere, "via"));   // a link to a link

        Assert.Equal(Path.Combine(results, "runs.csv"), RealPath.Of(Path.Combine(elsewhere, "via", "runs.csv")));
        Assert.Equal(Path.Combine(results, "new", "file"), RealPath.Of(Path.Combine(_root, "chain", "new", "file")));
        Assert.True(RealPath.Inside(Path.Combine(elsewhere, "via", "report"), results));
        Assert.False(RealPath.Inside(Path.Combine(elsewhere, "report"), results));
    }

    [Fact]
    public void A_link_loop_is_an_error_not_a_hang()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "a"), Path.Combine(_root, "b"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "b"), Path.Combine(_root, "a"));
        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(_root, "a", "x")));
    }
}
