namespace Runner.Tests.Process;

/// <summary>
/// A run's records are made durable behind its training (metrics.csv's flush, the pointer that puts a
/// written checkpoint in force). A fused array SIGKILLed the moment one of its runs has a checkpoint, when
/// the others' are still queued or half done, must resume to the numbers of an uninterrupted sweep.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Category", "Slow")]
public sealed class QueuedRecordsResumeTests
{
    static readonly string Yaml = $$"""
        name: qr
        data: {dataset: mnist, train_limit: 4000, test_limit: 200, validation_split: 0.2, split_seed: 3}
        {{ModelYaml.Mlp(16, dropout: 0.2)}}
        train: {optimizer: "${optimizer}", epochs: 4, seed: "${seed}", threads: 1}
        sweep: {optimizer: [sgd, rmsprop, adam], seed: [1, 2]}
        """;

    [Fact]
    public void A_fused_array_killed_while_its_records_are_queued_resumes_to_the_numbers_of_an_uninterrupted_one()
    {
        using var reference = new SweepFolder(Yaml);
        using var sweep = new SweepFolder(Yaml);
        reference.Train();

        var runs = Path.Combine(sweep.Dir, "runs");
        using (var p = sweep.Start())
        {
            // The first pointer of epoch 2 or later: the array's other runs are writing theirs right now.
            p.WaitUntil(() => Directory.Exists(runs) && Directory.GetDirectories(runs).Any(d => Epoch(d) >= 2), TimeSpan.FromMinutes(3));
            p.Signal(RunnerProcess.SigKill);
            p.WaitForExit(TimeSpan.FromSeconds(30));
        }
        Assert.True(Directory.GetFiles(runs, "result.json", SearchOption.AllDirectories).Length < 6, "the kill came after the sweep ended");

        sweep.Train();

        SweepFiles.AssertSame(reference.Dir, sweep.Dir);
        foreach (var run in Directory.GetDirectories(Path.Combine(reference.Dir, "runs")))
        {
            var other = Path.Combine(runs, Path.GetFileName(run));
            Assert.Equal(File.ReadAllBytes(Path.Combine(run, "model.bin")), File.ReadAllBytes(Path.Combine(other, "model.bin")));
            Assert.Equal(File.ReadAllText(Path.Combine(run, "test_predictions.csv")), File.ReadAllText(Path.Combine(other, "test_predictions.csv")));
        }
    }

    static int Epoch(string runFolder)
    {
        try { return new Runner.Training.Checkpoint(runFolder).TryReadState()?.Epoch ?? 0; }
        catch (Runner.Training.CheckpointException) { return 0; }
        catch (IOException) { return 0; }   // being replaced at this moment
    }
}
