namespace Runner.Tests.Process;

/// <summary>
/// A results folder received from someone else may hold symbolic links; Runner refuses it (exit 2, the
/// path named, no trace) and never touches what a link points at.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ResultsFolderSafetyTests
{
    const string Tiny = """
        name: tiny
        data: {dataset: synthetic, train_samples: 200, test_samples: 50}
        model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: adam, epochs: 1, threads: 1}
        """;

    static (TempFolder Folder, string Experiment) FinishedSweep()
    {
        var folder = new TempFolder();
        File.WriteAllText(folder["tiny.yaml"], Tiny);
        var (code, output) = RunnerProcess.Run("run", folder["tiny.yaml"], "--results", folder["results"]);
        Assert.True(code == 0, output);
        return (folder, Path.Combine(folder["results"], "tiny"));
    }

    static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);

    [Fact]
    public void A_symlinked_report_folder_is_refused_and_its_target_untouched()
    {
        var (folder, experiment) = FinishedSweep();
        using var _ = folder;
        var target = folder["pictures"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "holiday.png"), "not really a png");
        File.WriteAllText(Path.Combine(target, "report.html"), "mine");
        var before = Snapshot(target);
        Directory.Delete(Path.Combine(experiment, "report"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(experiment, "report"), target);

        var (code, output) = RunnerProcess.Run("report", experiment);
        var (runCode, runOutput) = RunnerProcess.Run("run", folder["tiny.yaml"], "--results", folder["results"]);

        Assert.Equal(before, Snapshot(target));
        Assert.Equal(2, code);
        Assert.Contains("report is a symbolic link", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(2, runCode);
        Assert.Contains("report is a symbolic link", runOutput);
    }

    [Fact]
    public void A_symlinked_sweep_log_or_temporary_name_is_refused_and_its_target_untouched()
    {
        var (folder, experiment) = FinishedSweep();
        using var _ = folder;
        File.WriteAllText(folder["bashrc"], "precious\n");
        File.Delete(Path.Combine(experiment, "sweep.log"));
        File.CreateSymbolicLink(Path.Combine(experiment, "sweep.log"), folder["bashrc"]);
        File.CreateSymbolicLink(Path.Combine(experiment, "report", "leaderboard.csv.tmp"), folder["bashrc"]);

        var (code, output) = RunnerProcess.Run("run", folder["tiny.yaml"], "--results", folder["results"]);
        var (reportCode, _) = RunnerProcess.Run("report", experiment);

        Assert.Equal("precious\n", File.ReadAllText(folder["bashrc"]));
        Assert.Equal(2, code);
        Assert.Contains("symbolic link", output);
        Assert.Equal(2, reportCode);
    }

    [Fact]
    public void Status_predict_export_and_submit_refuse_a_linked_file_and_never_read_through_it()
    {
        var (folder, experiment) = FinishedSweep();
        using var _ = folder;
        const string secret = "root:$y$j9T$secret-hash:19000:0:99999:7:::";
        File.WriteAllText(folder["shadow"], secret + "\n");
        var run = Directory.GetDirectories(Path.Combine(experiment, "runs")).Single();
        File.Delete(Path.Combine(run, "config.yaml"));
        File.CreateSymbolicLink(Path.Combine(run, "config.yaml"), folder["shadow"]);

        var outcomes = new[]
        {
            RunnerProcess.Run("status", experiment),
            RunnerProcess.Run("predict", experiment, "--test"),
            RunnerProcess.Run("predict", run, "--test"),
            RunnerProcess.Run("export", run, "--onnx", folder["model.onnx"]),
            RunnerProcess.Run("submit", folder["tiny.yaml"], "--results", folder["results"], "--dry-run"),
        };

        Assert.All(outcomes, o =>
        {
            Assert.True(o.ExitCode == 2, o.Output);
            Assert.Contains("config.yaml is a symbolic link", o.Output);
            Assert.DoesNotContain("secret", o.Output);
            Assert.DoesNotContain("   at ", o.Output);
        });
        Assert.False(File.Exists(folder["model.onnx"]));
        Assert.Equal(secret + "\n", File.ReadAllText(folder["shadow"]));
    }

    [Fact]
    public void Status_and_predict_refuse_a_fifo_or_device_instead_of_blocking_or_filling_memory()
    {
        var (folder, experiment) = FinishedSweep();
        using var _ = folder;
        var run = Directory.GetDirectories(Path.Combine(experiment, "runs")).Single();
        File.Delete(Path.Combine(run, "result.json"));
        System.Diagnostics.Process.Start("mkfifo", [Path.Combine(run, "result.json")])!.WaitForExit();
        File.Delete(Path.Combine(experiment, "runs.csv"));
        File.CreateSymbolicLink(Path.Combine(experiment, "runs.csv"), "/dev/zero");

        foreach (var args in new[] { new[] { "status", experiment }, ["predict", experiment, "--test"] })
        {
            using var p = RunnerProcess.Start(args);
            int code = p.WaitForExit(TimeSpan.FromSeconds(60));   // blocked on the FIFO or reading /dev/zero: a TimeoutException
            Assert.True(code == 2, p.Output);
            Assert.Matches("is a symbolic link|is not a regular file", p.Output);
        }
    }
}
