namespace Runner.Tests.Process;

/// <summary>
/// A real `runner` child process killed (SIGKILL), interrupted (SIGINT, SIGTERM) or sharded, then run
/// again: the files must end up equal to those of one uninterrupted sweep.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class InterruptionTests : IClassFixture<InterruptionTests.Reference>
{
    static readonly string Yaml = $$"""
        name: night
        data: {dataset: mnist, validation_split: 0.1, train_limit: 20000, test_limit: 1000}
        {{ModelYaml.Mlp(256, dropout: 0.2)}}
        train: {optimizer: adam, epochs: 6, batch_size: 32, seed: ${seed}, threads: 1}
        sweep:
          seed: [1, 2, 3]
        """;

    /// <summary>The uninterrupted sweep, run once for every test of the class.</summary>
    public sealed class Reference : IDisposable
    {
        public SweepFolder Sweep { get; } = new(Yaml);
        public Reference() => Sweep.Train();
        public void Dispose() => Sweep.Dispose();
    }

    readonly Reference _reference;
    public InterruptionTests(Reference reference) => _reference = reference;

    void AssertSameAsReference(SweepFolder sweep) => SweepFiles.AssertSame(_reference.Sweep.Dir, sweep.Dir);

    [Fact]
    public void Killing_the_process_at_several_points_and_rerunning_loses_and_repeats_nothing()
    {
        using var sweep = new SweepFolder(Yaml);
        // Kill right after an epoch's row appears (before its checkpoint), and a little later
        // (checkpointed, mid-epoch), in several runs of the sweep.
        foreach (var (epochs, delay) in new[] { (1, 0), (3, 300), (6, 0), (9, 600) })
        {
            using var p = sweep.Start();
            p.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= epochs, TimeSpan.FromMinutes(3));
            Thread.Sleep(delay);
            Assert.False(p.HasExited, "the sweep ended before it could be killed");
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        sweep.Train();
        Assert.Contains("resuming at epoch", File.ReadAllText(Path.Combine(sweep.Dir, "sweep.log")));
        AssertSameAsReference(sweep);
    }

    [Theory]
    [InlineData(RunnerProcess.SigInt, 130)]
    [InlineData(RunnerProcess.SigTerm, 143)]
    public void A_signal_stops_gracefully_with_its_exit_code_and_the_sweep_resumes(int signal, int exitCode)
    {
        using var sweep = new SweepFolder(Yaml);
        using (var p = sweep.Start())
        {
            // After the first of eighteen epochs: the sweep is far from done when the signal lands.
            p.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= 1, TimeSpan.FromMinutes(3));
            Assert.False(p.HasExited, "the sweep ended before the signal could be sent");
            p.Signal(signal);
            Assert.Equal(exitCode, p.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Contains("Run the same command again to resume", p.Output);
        }
        sweep.Train();
        AssertSameAsReference(sweep);
    }

    [Fact]
    public void Two_shards_in_two_processes_on_one_folder_make_the_whole_sweep()
    {
        using var sweep = new SweepFolder(Yaml);
        using var first = sweep.Start("--shard", "1/2");
        using var second = sweep.Start("--shard", "2/2");
        Assert.True(first.WaitForExit(TimeSpan.FromMinutes(5)) == 0, first.Output);
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(5)) == 0, second.Output);
        AssertSameAsReference(sweep);
    }

    [Fact]
    public void Two_jobs_in_one_process_make_the_same_sweep()
    {
        using var sweep = new SweepFolder(Yaml);
        sweep.Train("--jobs", "2");
        AssertSameAsReference(sweep);
    }
}
