namespace Runner.Tests.Process;

/// <summary>
/// A real `runner` child process killed (SIGKILL), interrupted (SIGINT, SIGTERM) or sharded, then run
/// again: the files must end up equal to those of one uninterrupted sweep.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class InterruptionTests : IClassFixture<InterruptionTests.Reference>
{
    const string Yaml = """
        name: night
        data: {dataset: mnist, validation_split: 0.1, train_limit: 20000, test_limit: 1000}
        model:
          input: [28, 28]
          layers:
            - flatten
            - dense: {units: 256, activation: relu}
            - dropout: {rate: 0.2}
            - dense: {units: 10, activation: softmax}
        train: {optimizer: adam, epochs: 4, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          seed: [1, 2, 3]
        """;

    /// <summary>The uninterrupted sweep, run once for every test of the class.</summary>
    public sealed class Reference : IDisposable
    {
        public TempFolder Folder { get; } = new();
        public string File => Folder["night.yaml"];
        public string Dir => Path.Combine(Folder["results"], "night");

        public Reference()
        {
            System.IO.File.WriteAllText(File, Yaml);
            var (code, output) = RunnerProcess.Run("run", File, "--results", Folder["results"], "--no-report");
            Assert.True(code == 0, output);
        }

        public void Dispose() => Folder.Dispose();
    }

    readonly Reference _reference;
    public InterruptionTests(Reference reference) => _reference = reference;

    (TempFolder Folder, string File, string Results, string Dir) NewSweep()
    {
        var folder = new TempFolder();
        System.IO.File.WriteAllText(folder["night.yaml"], Yaml);
        return (folder, folder["night.yaml"], folder["results"], Path.Combine(folder["results"], "night"));
    }

    void AssertSameAsReference(string dir)
    {
        Assert.Equal(SweepFiles.RunsCsv(_reference.Dir), SweepFiles.RunsCsv(dir));
        Assert.Equal(SweepFiles.MetricsCsvs(_reference.Dir), SweepFiles.MetricsCsvs(dir));
    }

    [Fact]
    public void Killing_the_process_at_several_points_and_rerunning_loses_and_repeats_nothing()
    {
        var (folder, file, results, dir) = NewSweep();
        using var _ = folder;
        // Kill right after an epoch's row appears (before its checkpoint), and a little later
        // (checkpointed, mid-epoch), in several runs of the sweep.
        foreach (var (epochs, delay) in new[] { (1, 0), (3, 300), (6, 0), (9, 600) })
        {
            using var p = RunnerProcess.Start("run", file, "--results", results, "--no-report");
            p.WaitUntil(() => SweepFiles.EpochsWritten(dir) >= epochs, TimeSpan.FromMinutes(3));
            Thread.Sleep(delay);
            Assert.False(p.HasExited, "the sweep ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        var (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report");
        Assert.True(code == 0, output);
        Assert.Contains("resuming at epoch", File.ReadAllText(Path.Combine(dir, "sweep.log")));
        AssertSameAsReference(dir);
    }

    [Theory]
    [InlineData(RunnerProcess.SigInt, 130)]
    [InlineData(RunnerProcess.SigTerm, 143)]
    public void A_signal_stops_gracefully_with_its_exit_code_and_the_sweep_resumes(int signal, int exitCode)
    {
        var (folder, file, results, dir) = NewSweep();
        using var _ = folder;
        using (var p = RunnerProcess.Start("run", file, "--results", results, "--no-report"))
        {
            // After the first of twelve epochs: the sweep is far from done when the signal lands.
            p.WaitUntil(() => SweepFiles.EpochsWritten(dir) >= 1, TimeSpan.FromMinutes(3));
            Assert.False(p.HasExited, "the sweep ended before the signal could be sent");
            p.Signal(signal);
            Assert.Equal(exitCode, p.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Contains("Run the same command again to resume", p.Output);
        }
        var (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report");
        Assert.True(code == 0, output);
        AssertSameAsReference(dir);
    }

    [Fact]
    public void Two_shards_in_two_processes_on_one_folder_make_the_whole_sweep()
    {
        var (folder, file, results, dir) = NewSweep();
        using var _ = folder;
        using var first = RunnerProcess.Start("run", file, "--results", results, "--no-report", "--shard", "1/2");
        using var second = RunnerProcess.Start("run", file, "--results", results, "--no-report", "--shard", "2/2");
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)) == 0, first.Output);
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(5)) == 0, second.Output);
        AssertSameAsReference(dir);
    }

    [Fact]
    public void Two_jobs_in_one_process_make_the_same_sweep()
    {
        var (folder, file, results, dir) = NewSweep();
        using var _ = folder;
        var (code, output) = RunnerProcess.Run("run", file, "--results", results, "--no-report", "--jobs", "2");
        Assert.True(code == 0, output);
        AssertSameAsReference(dir);
    }
}
