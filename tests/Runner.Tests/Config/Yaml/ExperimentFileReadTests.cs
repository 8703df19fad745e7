using Runner.Config.Diagnostics;
using Runner.Config.Yaml;

namespace Runner.Tests.Config.Yaml;

/// <summary>Reading an experiment file never reads more than the size limit and never blocks.</summary>
public sealed class ExperimentFileReadTests
{
    static string Error(string path)
    {
        var bag = new DiagnosticBag();
        Assert.Null(ConfigFileReader.ReadText(path, bag));
        return Assert.Single(bag.Sorted()).Message;
    }

    [Fact]
    public void A_device_is_refused_without_reading_it() =>
        Assert.Contains("not a regular file", Error("/dev/zero"));

    [Fact]
    public void A_link_to_a_device_is_refused_too()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(folder["x.yaml"], "/dev/zero");
        Assert.Contains("not a regular file", Error(folder["x.yaml"]));
    }

    [Fact]
    public void A_fifo_is_refused_instead_of_blocking()
    {
        using var folder = new TempFolder();
        System.Diagnostics.Process.Start("mkfifo", [folder["x.yaml"]])!.WaitForExit();
        Assert.Contains("not a regular file", Error(folder["x.yaml"]));
    }

    [Fact]
    public void A_file_over_the_limit_names_the_limit()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder["big.yaml"], new byte[ConfigFileReader.MaxFileBytes + 1]);
        Assert.Contains("larger than the limit of 4 MB", Error(folder["big.yaml"]));
    }
}
