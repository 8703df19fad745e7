using Runner.Recording;
using Runner.Training;

namespace Runner.Tests.Recording;

public sealed class RunsTableTests
{
    static RunRecord Record(string optimizer, int seed, string status = RunStatus.Done, double accuracy = 0.9) => new(
        $"optimizer={optimizer},seed={seed}",
        [new("optimizer", optimizer), new("seed", seed.ToString())],
        status, 5, new EpochMetrics(5, 0.3, accuracy, 0.35, accuracy, 0.001, 2, 2.5), new Evaluation(0.36, accuracy),
        79510, 12.3456, "abcd1234", $"optimizer={optimizer},seed={seed}-abcd1234", "");

    [Fact]
    public void Rows_follow_the_plan_order_and_a_rerun_replaces_its_row()
    {
        using var dir = new TempFolder();
        var table = new RunsTable(dir["runs.csv"]);
        var plan = new[] { Record("sgd", 1), Record("adam", 1), Record("sgd", 2) }.Select(r => r.Directory).ToList();

        table.Upsert(Record("sgd", 2), plan);
        table.Upsert(Record("sgd", 1, RunStatus.Failed), plan);
        table.Upsert(Record("sgd", 1, accuracy: 0.8), plan);

        var rows = table.Read();
        Assert.Equal(["optimizer=sgd,seed=1", "optimizer=sgd,seed=2"], rows.Select(r => r["run_id"]));
        Assert.Equal("done", rows[0]["status"]);
        Assert.Equal("0.8", rows[0]["accuracy"]);
        Assert.Equal(
            "run_id,optimizer,seed,status,epochs,loss,accuracy,val_loss,val_accuracy,test_loss,test_accuracy,parameters,seconds,hash,directory,reason",
            File.ReadLines(table.Path).First());
        Assert.Equal("\"optimizer=sgd,seed=1\",sgd,1,done,5,0.3,0.8,0.35,0.8,0.36,0.8,79510,12.346,abcd1234,\"optimizer=sgd,seed=1-abcd1234\",",
            File.ReadLines(table.Path).ElementAt(1));
    }

    [Fact]
    public void Concurrent_writers_lose_no_row()
    {
        using var dir = new TempFolder();
        var table = new RunsTable(dir["runs.csv"]);
        var records = Enumerable.Range(1, 40).Select(seed => Record("adam", seed)).ToList();
        var plan = records.Select(r => r.Directory).ToList();

        Parallel.ForEach(records, new ParallelOptions { MaxDegreeOfParallelism = 8 }, r => table.Upsert(r, plan));

        Assert.Equal(plan, table.Read().Select(r => r["directory"]));
    }
}
