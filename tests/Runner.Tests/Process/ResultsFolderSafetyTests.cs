namespace Runner.Tests.Process;

/// <summary>
/// A results folder received from someone else may hold symbolic links; Runner refuses it (exit 2, the
/// path named, no trace) and never touches what a link points at.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ResultsFolderSafetyTests
{
    const string Tiny = $$"""
        name: tiny
        data: {dataset: synthetic, train_samples: 200, test_samples: 50}
        {{ModelYaml.Softmax}}
        train: {optimizer: adam, epochs: 1, threads: 1}
        """;

    /// <summary>A finished sweep with its report.</summary>
    static SweepFolder FinishedSweep()
    {
        var sweep = new SweepFolder(Tiny) { Report = true };
        sweep.Train();
        return sweep;
    }

    static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f)!, File.ReadAllText);

    [Fact]
    public void A_symlinked_report_folder_is_refused_and_its_target_untouched()
    {
        using var sweep = FinishedSweep();
        var experiment = sweep.Dir;
        var target = sweep["pictures"];
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "holiday.png"), "not really a png");
        File.WriteAllText(Path.Combine(target, "report.html"), "mine");
        var before = Snapshot(target);
        Directory.Delete(Path.Combine(experiment, "report"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(experiment, "report"), target);

        var (code, output) = RunnerProcess.Run("report", experiment);
        var (runCode, runOutput) = sweep.Run();

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
        using var sweep = FinishedSweep();
        var experiment = sweep.Dir;
        File.WriteAllText(sweep["bashrc"], "precious\n");
        File.Delete(Path.Combine(experiment, "sweep.log"));
        File.CreateSymbolicLink(Path.Combine(experiment, "sweep.log"), sweep["bashrc"]);
        File.CreateSymbolicLink(Path.Combine(experiment, "report", "leaderboard.csv.tmp"), sweep["bashrc"]);

        var (code, output) = sweep.Run();
        var (reportCode, _) = RunnerProcess.Run("report", experiment);

        Assert.Equal("precious\n", File.ReadAllText(sweep["bashrc"]));
        Assert.Equal(2, code);
        Assert.Contains("symbolic link", output);
        Assert.Equal(2, reportCode);
    }

    [Fact]
    public void Status_predict_export_and_submit_refuse_a_linked_file_and_never_read_through_it()
    {
        using var sweep = FinishedSweep();
        var (folder, experiment) = (sweep.Folder, sweep.Dir);
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
            RunnerProcess.Run("submit", sweep.File, "--results", sweep.Results, "--dry-run"),
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
        using var sweep = FinishedSweep();
        var (folder, experiment) = (sweep.Folder, sweep.Dir);
        var run = Directory.GetDirectories(Path.Combine(experiment, "runs")).Single();
        File.Delete(Path.Combine(run, "result.json"));
        System.Diagnostics.Process.Start("mkfifo", [Path.Combine(run, "result.json")])!.WaitForExit();
        File.Delete(Path.Combine(experiment, "runs.csv"));
        File.CreateSymbolicLink(Path.Combine(experiment, "runs.csv"), "/dev/zero");

        foreach (var args in new string[][] { ["status", experiment], ["predict", experiment, "--test"] })
        {
            using var p = RunnerProcess.Start(args);
            int code = p.WaitForExit(TimeSpan.FromSeconds(60));   // blocked on the FIFO or reading /dev/zero: a TimeoutException
            Assert.True(code == 2, p.Output);
            Assert.Matches("is a symbolic link|is not a regular file", p.Output);
        }
    }
}
