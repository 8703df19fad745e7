using System.Text.RegularExpressions;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>The batch scripts `runner submit` writes, checked as text (`--dry-run`: no Slurm needed).</summary>
[Trait("Category", "Slow")]
public sealed class BatchScriptTests
{
    /// <summary>
    /// A `%` in --results made every task fail with no log: sbatch read `%j` in the --output path as the job id,
    /// so the log folder did not exist. The path is written with `%%`, sbatch's literal `%`; the command line
    /// Runner gets (bash-quoted) keeps the path as it is.
    /// </summary>
    [Fact]
    public void A_percent_sign_in_the_results_folder_is_escaped_in_the_log_paths_only()
    {
        using var folder = new TempFolder();
        var results = folder["a%jb%%c"];

        var (code, output) = RunnerProcess.Run("submit", Path.Combine(Repository.Experiments, "quickstart.yaml"), "--results", results, "--dry-run");

        Assert.True(code == 0, output);
        var outputs = Regex.Matches(output, "^#SBATCH --output=(.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        var logs = folder["a%%jb%%%%c"] + "/quickstart/slurm/logs/";
        Assert.Equal([logs + "%A_%a.out", logs + "report-%j.out"], outputs);
        Assert.Contains($"--results '{results}'", output);
    }
}
