namespace Runner.Tests.Process;

/// <summary>
/// A results folder received from someone else may hold symbolic links; Runner refuses it (exit 2, the
/// path named, no trace) and never touches what a link points at.
/// </summary>
[Collection(TorchCollection.Name)]
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
}
