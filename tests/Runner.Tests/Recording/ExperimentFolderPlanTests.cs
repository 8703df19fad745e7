using Runner.Recording;

namespace Runner.Tests.Recording;

public sealed class ExperimentFolderPlanTests
{
    /// <summary>
    /// sweep.json's plan names run folders; in someone else's folder it may name `../../outside/evil` (status and
    /// run then read outside the results folder, and a FIFO there hung both) or an absolute path. Only plain
    /// folder names count.
    /// </summary>
    [Fact]
    public void Plan_entries_that_are_not_plain_folder_names_are_ignored()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["results/x"]);
        File.WriteAllText(temp["results/x/sweep.json"],
            """{"plan": ["seed=1-abc", "../../outside/evil", "/dev/stdin", "..", ".", "a\\b", "", 7, "seed=2-def"]}""");
        Assert.Equal(["seed=1-abc", "seed=2-def"], new ExperimentFolder(temp["results/x"]).LastPlan());
    }
}
