using Runner.Results;
using Runner.Tests.Results;
using Runner.Recording;
using Runner.Training;

namespace Runner.Tests.Recording;

public sealed class RunsTableTests
{
    static RunRecord Record(string optimizer, int seed, string status = RunStatus.Done, double accuracy = 0.9) => new(
        $"optimizer={optimizer},seed={seed}",
        [new("optimizer", optimizer), new("seed", seed.ToString())],
        status, 5, Epochs.Row(5, 0.3, accuracy, 0.35, accuracy, 0.001, 2, 2.5), Epochs.Values(0.36, accuracy),
        79510, 1.6328125, 12.3456, "abcd1234", $"optimizer={optimizer},seed={seed}-abcd1234", "");

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
            "run_id,optimizer,seed,status,epochs,loss,accuracy,val_loss,val_accuracy,test_loss,test_accuracy,parameters,memory_mb,seconds,hash,directory,reason,version",
            File.ReadLines(table.Path).First());
        Assert.Equal("\"optimizer=sgd,seed=1\",sgd,1,done,5,0.3,0.8,0.35,0.8,0.36,0.8,79510,1.6328125,12.346,abcd1234,\"optimizer=sgd,seed=1-abcd1234\",,current",
            File.ReadLines(table.Path).ElementAt(1));
    }

    [Fact]
    public void A_new_plan_marks_the_rows_it_does_not_contain_as_earlier_and_keeps_them_after_its_own()
    {
        using var dir = new TempFolder();
        var table = new RunsTable(dir["runs.csv"]);
        var old = Record("sgd", 1);
        var changed = Record("sgd", 1) with { Hash = "ffff0000", Directory = "optimizer=sgd,seed=1-ffff0000" };
        table.Upsert(old, [old.Directory]);

        var earlier = table.MarkPlan([changed.Directory]);
        table.Upsert(changed, [changed.Directory]);

        Assert.Equal([old.Directory], earlier.Select(r => r["directory"]));
        Assert.Equal([(changed.Directory, "current"), (old.Directory, "earlier")],
            table.Read().Select(r => (r["directory"], r["version"])));
        table.MarkPlan([old.Directory]); // the edit undone: the old runs are the current plan again
        Assert.Equal([(old.Directory, "current"), (changed.Directory, "earlier")],
            table.Read().Select(r => (r["directory"], r["version"])));
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
