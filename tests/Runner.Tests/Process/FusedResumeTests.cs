using Runner.Results;

namespace Runner.Tests.Process;

/// <summary>
/// A fused array killed mid-sweep: a real runner is SIGKILLed right after one member's checkpoint of an
/// epoch (held there by the runner's test-only hook), when the members before it have saved that epoch's
/// checkpoint and those after it have not. The same command again must end with the numbers of an uninterrupted
/// fused sweep: the members behind catch up, then the array goes on together.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class FusedResumeTests
{
    static readonly string Yaml = $$"""
        name: fr
        data: {dataset: synthetic, train_samples: 300, test_samples: 100, validation_split: 0.2}
        {{ModelYaml.Mlp(16, dropout: 0.2)}}
        train: {optimizer: "${optimizer}", epochs: 3, seed: "${seed}", threads: 1}
        sweep: {optimizer: [sgd, adam], seed: [1, 2]}
        """;

    [Fact]
    public void A_fused_array_killed_after_a_members_checkpoint_resumes_to_the_numbers_of_an_uninterrupted_one()
    {
        using var reference = new SweepFolder(Yaml);
        using var sweep = new SweepFolder(Yaml);
        reference.Train();
        var runs = Directory.GetDirectories(Path.Combine(reference.Dir, "runs"));
        Assert.Equal(4, runs.Length);
        Assert.All(runs, run => Assert.Equal(4, RunOutcome.Read(Path.Combine(run, "result.json"))!.FusedWith!.Count));

        // The third member of the array: the first two have saved epoch 2, the last one has not.
        using (var held = RunnerProcess.StartHeldAfterCheckpoint("optimizer=adam,seed=1", 2, sweep.RunArgs()))
        {
            held.Signal(RunnerProcess.SigKill);
            held.WaitForExit(TimeSpan.FromSeconds(30));
        }
        var checkpoints = Directory.GetDirectories(Path.Combine(sweep.Dir, "runs")).Select(d => new Runner.Training.Checkpoint(d).TryReadState()!.Epoch).Order();
        Assert.Equal([1, 2, 2, 2], checkpoints);
        Assert.Empty(Directory.GetFiles(Path.Combine(sweep.Dir, "runs"), "result.json", SearchOption.AllDirectories));

        sweep.Train();

        SweepFiles.AssertSame(reference.Dir, sweep.Dir);
    }
}
