using Runner.Files;

namespace Runner.Tests.Files;

/// <summary>A file where Runner keeps its runs/ or report/ folder gave a raw IO error and exit 1.</summary>
[Trait("Category", "Slow")]
public sealed class ResultsFolderShapeTests
{
    [Theory]
    [InlineData("runs")]
    [InlineData("report")]
    public void A_file_where_runner_keeps_a_folder_is_named_with_exit_2_and_nothing_trained(string name)
    {
        using var folder = new TempFolder();
        var experiment = Path.Combine(Repository.Experiments, "quickstart.yaml");
        Directory.CreateDirectory(folder["results/quickstart"]);
        File.WriteAllText(folder[$"results/quickstart/{name}"], "someone's file");

        var (code, output) = RunnerProcess.Run("run", experiment, "--results", folder["results"]);

        Assert.Equal(2, code);
        Assert.True(output.Contains($"{folder[$"results/quickstart/{name}"]} is a file where Runner keeps its {name}/ folder; move it away"), output);
        Assert.DoesNotContain("Could not find a part of the path", output);
        Assert.DoesNotContain("already exists", output);
        Assert.Equal(["someone's file"], [File.ReadAllText(folder[$"results/quickstart/{name}"])]);
        Assert.False(File.Exists(folder["results/quickstart/runs.csv"]));

        File.WriteAllText(folder["results/quickstart/runs.csv"], "run_id,status\n");
        var (reportCode, reportOutput) = RunnerProcess.Run("report", folder["results/quickstart"]);
        Assert.Equal(2, reportCode);
        Assert.True(reportOutput.Contains($"is a file where Runner keeps its {name}/ folder; move it away and run again"), reportOutput);
    }

    [Fact]
    public void Only_the_named_entries_must_be_folders()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["report"], "");
        ResultsFolderGuard.Check(folder.Path);
        var e = Assert.Throws<UnsafeResultsFolderException>(() => ResultsFolderGuard.Check(folder.Path, "runs", "report"));
        Assert.StartsWith($"{folder["report"]} is a file where Runner keeps its report/ folder", e.Message);
    }
}
