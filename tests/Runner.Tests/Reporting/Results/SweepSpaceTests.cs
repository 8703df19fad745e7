using Runner.Reporting.Results;

namespace Runner.Tests.Reporting.Results;

/// <summary>The search's shape comes from sweep.json's record, whatever the method; folders written before it from experiment.yaml.</summary>
public sealed class SweepSpaceTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("runner-space-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    SweepInfo Read(string json)
    {
        var path = Path.Combine(_dir, "sweep.json");
        File.WriteAllText(path, json);
        return SweepInfoReader.Read(path, "x", _ => { });
    }

    const string TpeYaml = "sweep:\n  tpe:\n    trials: 8\n    lr: {loguniform: [0.0001, 0.1]}\n    units: {int: [8, 64]}\n";

    [Fact]
    public void A_recorded_shape_is_read_for_a_method_the_report_does_not_know()
    {
        var info = Read("""{"space": {"kind": "anneal", "search": true, "log": ["lr", "wd"]}}""");
        var space = SweepSpace.Of(info.Shape, "sweep:\n  anneal:\n    lr: {uniform: [0, 1]}\n");
        Assert.Equal("anneal", space.Kind);
        Assert.True(space.IsSearch);
        Assert.Equal(["lr", "wd"], space.LogAxes.Order());
    }

    [Fact]
    public void A_folder_without_the_record_is_read_from_its_experiment_yaml()
    {
        var info = Read("""{"experiment": "x"}""");
        Assert.Null(info.Shape);
        var space = SweepSpace.Of(info.Shape, TpeYaml);
        Assert.Equal(("tpe", true), (space.Kind, space.IsSearch));
        Assert.Equal(["lr"], space.LogAxes);
        Assert.Equal(("race", false), (SweepSpace.Of(null, "sweep:\n  race: {rounds: 2}\n").Kind, SweepSpace.Of(null, "sweep:\n  race: {rounds: 2}\n").IsSearch));
        Assert.False(SweepSpace.Of(null, "sweep:\n  lr: [0.1, 0.2]\n").IsSearch);
    }

    [Fact]
    public void A_malformed_record_is_ignored()
    {
        Assert.Null(Read("""{"space": {"kind": 3, "search": "yes"}}""").Shape);
        Assert.Null(Read("""{"space": ["tpe"]}""").Shape);
    }
}
