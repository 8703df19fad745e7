using Runner.Files;

namespace Runner.Tests.Files;

public sealed class ResultsFolderGuardTests
{
    [Fact]
    public void Regular_files_and_folders_pass()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["runs/a"]);
        File.WriteAllText(folder["runs/a/metrics.csv"], "epoch\n");
        ResultsFolderGuard.Check(folder.Path);
        ResultsFolderGuard.Check(folder["missing"]);
    }

    [Fact]
    public void A_file_given_as_the_results_root_or_folder_is_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["results"], "");

        Assert.Equal($"{folder["results"]} is a file where Runner expects a folder; give a folder (--results DIR, or results/<name>)",
            Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder["results/tiny"])).Message);
        Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder["results"]));
    }

    [Fact]
    public void A_link_deep_inside_is_named()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["runs/a"]);
        File.CreateSymbolicLink(folder["runs/a/metrics.csv"], "/etc/hostname");
        var e = Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder.Path));
        Assert.Contains("runs/a/metrics.csv is a symbolic link (to /etc/hostname)", e.Message);
    }

    [Fact]
    public void A_fifo_is_refused_and_a_link_is_never_deleted_through()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, System.Diagnostics.Process.Start("mkfifo", [folder["sweep.log"]])!.WaitForExitAsync().ContinueWith(_ => 0).Result);
        System.Threading.Thread.Sleep(100);
        Assert.Equal(FileType.Other, FileKind.Of(folder["sweep.log"]));
        Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder.Path));
        Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.CheckFile(folder["sweep.log"]));

        File.WriteAllText(folder["target.png"], "x");
        File.CreateSymbolicLink(folder["chart.png"], folder["target.png"]);
        ResultsFolderGuard.DeleteFile(folder["chart.png"]);
        Assert.True(File.Exists(folder["target.png"]));
    }

    [Fact]
    public void FileKind_tells_devices_fifos_links_and_files_apart()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["f"], "x");
        File.CreateSymbolicLink(folder["l"], folder["f"]);
        Assert.Equal(FileType.Regular, FileKind.Of(folder["f"]));
        Assert.Equal(FileType.Symlink, FileKind.Of(folder["l"]));
        Assert.Equal(FileType.Regular, FileKind.OfTarget(folder["l"]));
        Assert.Equal(FileType.Directory, FileKind.Of(folder.Path));
        Assert.Equal(FileType.Other, FileKind.Of("/dev/zero"));
        Assert.Equal(FileType.Missing, FileKind.Of(folder["nothing"]));
    }

    [Fact]
    public void A_sparse_giant_results_file_is_refused_before_it_is_read_whole()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["runs/a"]);
        using (var sparse = File.Create(folder["runs/a/config.yaml"])) sparse.SetLength(global::Runner.Files.Limits.MaxResultsFileBytes + 1);
        using (var model = File.Create(folder["runs/a/model.bin"])) model.SetLength(global::Runner.Files.Limits.MaxResultsFileBytes + 1);

        var e = Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder.Path));

        Assert.Contains("runs/a/config.yaml is larger than 64 MB, the limit for a results file Runner reads whole", e.Message);
        File.Delete(folder["runs/a/config.yaml"]);
        ResultsFolderGuard.Check(folder.Path);   // weights are read by size, into tensors of the config's shapes
    }
}
