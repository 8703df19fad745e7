using Runner.Planning;
using Runner.Recording;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Tpe;

namespace Runner.Tests.Sweeps.Methods.Tpe;

/// <summary>TPE over a conditional space: the sampler alone on a known objective, then a real (small) search journaled and resumed.</summary>
[Collection(TorchCollection.Name)]
public sealed class TpeConditionalTests
{
    // optimizer: sgd (0) with momentum, or adam (1) with beta_1; each parameter active only in its branch.
    static readonly SearchDimension[] Space =
    [
        new ChoiceDimension("optimizer", 2),
        new NumberDimension("optimizer.sgd.momentum", 0, 1, Log: false, Integer: false),
        new NumberDimension("optimizer.adam.beta_1", 0, 1, Log: false, Integer: false),
    ];
    static readonly SpaceCondition?[] Conditions = [null, new(0, 0, null), new(0, 1, null)];

    /// <summary>sgd is best at momentum 0.9 (up to 1); adam is never better than 0.3, whatever its beta_1.</summary>
    static double Objective(IReadOnlyList<double> p) => p[0] == 0 ? 1 - Math.Abs(p[1] - 0.9) : 0.3 - 0.1 * p[2];

    static List<Observation> Search(TpeSampler sampler, int trials)
    {
        var observations = new List<Observation>();
        for (int t = 0; t < trials; t++)
        {
            var point = sampler.Propose(t, observations);
            Assert.True(SpaceCondition.Consistent(Conditions, point), $"trial {t}: [{string.Join(", ", point)}] has a value in a branch it did not take, or none in one it took");
            observations.Add(new Observation(point, Objective(point)));
        }
        return observations;
    }

    [Fact]
    public void TPE_proposes_from_the_branch_that_did_well_and_gives_the_other_branch_no_value()
    {
        var tpe = Search(new TpeSampler(Space, startup: 10, seed: 1, maximize: true, conditions: Conditions), 40).Skip(20).ToList();
        var random = Search(new TpeSampler(Space, startup: 1000, seed: 1, maximize: true, conditions: Conditions), 40);

        double SgdShare(List<Observation> o) => o.Count(x => x.Point[0] == 0) / (double)o.Count;
        double MomentumMiss(List<Observation> o) => MathNet.Numerics.Statistics.Statistics.Median(o.Where(x => x.Point[0] == 0).Select(x => Math.Abs(x.Point[1] - 0.9)));
        Assert.True(SgdShare(tpe) >= 0.8, $"TPE's last 20 took sgd {SgdShare(tpe):P0} of the time");
        Assert.InRange(SgdShare(random), 0.2, 0.8);
        // momentum's densities come from the sgd trials alone: TPE's sgd proposals sit near 0.9, random's spread over [0, 1].
        Assert.True(MomentumMiss(tpe) < 0.12, $"TPE's sgd momentum is {MomentumMiss(tpe):F3} from 0.9 on median");
        Assert.True(MomentumMiss(random) > 0.2, $"random: {MomentumMiss(random):F3}");
    }

    const string Yaml = """
        name: ctpe
        data: {dataset: synthetic, train_samples: 300, test_samples: 60, validation_split: 0.2}
        model: {input: [28, 28], layers: [flatten, "${hidden}", {dense: {units: 10, activation: softmax}}]}
        train: {optimizer: "${optimizer}", epochs: 1, seed: 1, threads: 1}
        report: {metric: val_loss}
        sweep:
          tpe:
            trials: 7
            startup: 3
            seed: 2
            optimizer: {choice: [{sgd: {learning_rate: 0.05, momentum: {uniform: [0, 0.9]}}}, {adam: {beta_1: {uniform: [0.8, 0.95]}}}]}
            hidden: {depth: [0, 2], layer: {dense: {units: {int: [4, 32], log: true}, activation: relu}}}
        """;

    static IReadOnlyList<Proposal> Proposals(SweepHarness h, LoadedExperiment e) => TpeJournal.Proposals(DecisionJournal.Read(h.Folder(e).Path));

    [Fact]
    public void A_conditional_search_stopped_and_extended_makes_the_proposals_of_one_run_straight_through_and_records_only_active_parameters()
    {
        using var straight = new SweepHarness();
        var whole = straight.Load(Yaml);
        straight.Run(whole, jobs: 1);

        using var resumed = new SweepHarness();
        var first = resumed.Load(Yaml.Replace("trials: 7", "trials: 4"));
        Assert.Equal(4, resumed.Run(first, jobs: 1).Runs.Count);
        var rest = resumed.Run(resumed.Load(Yaml), jobs: 1);
        Assert.Equal(3, rest.Runs.Count); // trials 5..7 only: none of the first four trained again

        var expected = Proposals(straight, whole);
        var got = Proposals(resumed, whole);
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected.Select(p => (p.Run, string.Join(";", p.Values.Select(v => $"{v.Key}={v.Value}")))),
            got.Select(p => (p.Run, string.Join(";", p.Values.Select(v => $"{v.Key}={v.Value}")))));
        Assert.Contains(expected, p => p.Values["optimizer"] == "sgd");
        Assert.Contains(expected, p => p.Values["optimizer"] == "adam");

        // runs.csv, read back: a parameter of a branch not taken is an empty cell, never a made-up value.
        var records = new RunsTable(resumed.Folder(whole).RunsCsv).Read();
        Assert.Equal(7, records.Count);
        foreach (var cells in records)
        {
            Assert.Equal(cells["optimizer"] == "sgd", cells["optimizer.sgd.momentum"] != "");
            Assert.Equal(cells["optimizer"] == "adam", cells["optimizer.adam.beta_1"] != "");
            int depth = int.Parse(cells["hidden"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(depth >= 1, cells["hidden.1.units"] != "");
            Assert.Equal(depth >= 2, cells["hidden.2.units"] != "");
        }
    }

    [Fact]
    public void A_journaled_proposal_with_a_value_in_a_branch_it_did_not_take_is_refused()
    {
        using var h = new SweepHarness();
        var experiment = h.Load(Yaml.Replace("trials: 7", "trials: 3"));
        h.Run(experiment, jobs: 1);
        var path = Path.Combine(h.Folder(experiment).Path, DecisionJournal.FileName);
        var text = File.ReadAllText(path);
        var planted = text.Contains("\"optimizer.sgd.momentum\":\"\"", StringComparison.Ordinal)
            ? text.Replace("\"optimizer.sgd.momentum\":\"\"", "\"optimizer.sgd.momentum\":\"0.5\"")
            : text.Replace("\"optimizer.adam.beta_1\":\"\"", "\"optimizer.adam.beta_1\":\"0.9\"");
        Assert.NotEqual(text, planted);
        File.WriteAllText(path, planted);

        var error = Assert.Throws<DecisionJournalException>(() => TpeSweeper.Check(experiment, DecisionJournal.Read(h.Folder(experiment).Path), path));
        Assert.Contains("branches it did not take", error.Message);
    }
}
