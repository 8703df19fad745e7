using System.Diagnostics;
using Runner.Recording;

namespace Runner.Tests.Process;

/// <summary>Problems of the world, not of the config: exit code 1, a clear message, nothing corrupted.</summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class RuntimeErrorTests
{
    static readonly string Small = $$"""
        name: small
        data: {dataset: synthetic, train_samples: 300, test_samples: 100}
        {{ModelYaml.Mlp(256)}}
        train: {optimizer: adam, epochs: 2, seed: ${seed}, threads: 1, fuse: off}
        sweep: {seed: [1, 2]}
        """;

    /// <summary>A path the user gave that can't be a results folder is bad input (issue 11): exit 2, not 1.</summary>
    [Fact]
    public void A_results_path_that_is_a_file_is_refused_as_bad_input()
    {
        using var sweep = new SweepFolder(Small);
        File.WriteAllText(sweep["not-a-folder"], "a file");

        var (code, output) = RunnerProcess.Run("run", sweep.File, "--results", sweep["not-a-folder"]);

        Assert.Equal(2, code);
        Assert.Contains("runner: ", output);
        Assert.Contains("not-a-folder", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
    }

    [Fact]
    public void A_checkpoint_from_another_version_fails_that_run_with_the_reason()
    {
        using var sweep = new SweepFolder(Small);
        Assert.Equal(0, sweep.Run().ExitCode);
        var runDir = Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Order().First();
        File.Delete(Path.Combine(runDir, "result.json"));
        File.WriteAllText(Path.Combine(runDir, "checkpoint.json"), """{"FormatVersion": 99, "Epoch": 1, "Folder": "checkpoint-1"}""");

        var (code, output) = sweep.Run();

        Assert.Equal(1, code);
        Assert.Contains("different Runner version", output);
        Assert.Contains("--fresh", output);
        var rows = new RunsTable(Path.Combine(sweep.Dir, "runs.csv")).Read();
        Assert.Equal(["failed", "done"], rows.Select(r => r["status"]));
    }

    [Fact]
    public void A_full_disk_stops_the_sweep_and_leaves_every_written_file_readable()
    {
        using var sweep = new SweepFolder(Small);
        var disk = sweep["disk"];
        Directory.CreateDirectory(disk);
        // A 600 KB file system: room for the configs and metrics, not for the ~800 KB checkpoint.
        // Mounting needs root; on a machine where it is refused there is no full disk to test with.
        if (!Mount(disk, "600k")) return;
        try
        {
            var (code, output) = RunnerProcess.Run("run", sweep.File, "--results", disk, "--no-report");

            Assert.Equal(1, code);
            Assert.Contains("the disk is full", output);
            Assert.Contains("run the same command again to resume", output);
            var experiment = Path.Combine(disk, "small");
            foreach (var metrics in Directory.GetFiles(experiment, "metrics.csv", SearchOption.AllDirectories))
                Assert.NotEmpty(new MetricsLog(metrics).Read());
            Assert.Empty(Directory.GetFiles(experiment, "*.tmp", SearchOption.AllDirectories));
        }
        finally { Unmount(disk); }
    }

    static bool Mount(string dir, string size) => Exec("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", dir) == 0;
    static void Unmount(string dir) => Exec("umount", dir);

    static int Exec(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var p = System.Diagnostics.Process.Start(info)!;
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }
}
