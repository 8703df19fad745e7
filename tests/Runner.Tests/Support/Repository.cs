namespace Runner.Tests;

/// <summary>The checkout the tests were built from, found upwards from the test binaries (the folder with Runner.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The committed experiment files users copy.</summary>
    public static string Experiments => Path.Combine(Root, "experiments");

    /// <summary>A path inside the checkout, written with forward slashes (`tests/Runner.Tests/BadConfigs`).</summary>
    public static string At(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Runner.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Runner.sln above the test binaries in " + AppContext.BaseDirectory);
    }
}
