using global::Runner.Reporting.Results;
using global::Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting.Statistics;

public class SweepAnalysisTests
{
    [Fact]
    public void Leaderboard_is_best_first_with_verdicts_against_the_best()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { }));

        var board = analysis.Leaderboard;
        Assert.Equal(6, board.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], board.Select(r => r.Rank!.Value));
        var means = board.Select(r => r.Metric("val_accuracy").Mean).ToArray();
        Assert.Equal(means.OrderDescending(), means);

        var best = analysis.Best!;
        Assert.Same(board[0], best);
        Assert.Equal("optimizer=adam,activation=relu", best.Configuration.Key);
        Assert.Equal(Verdict.Best, best.Verdict);
        Assert.Null(best.VersusBest);
        // sgd + sigmoid converges 7.6 points lower with noise of 0.3: clearly worse.
        var sgdSigmoid = board.Single(r => r.Configuration.Key == "optimizer=sgd,activation=sigmoid");
        Assert.Equal(Verdict.Worse, sgdSigmoid.Verdict);
        Assert.True(sgdSigmoid.VersusBest!.PValue < 0.05);
        foreach (var row in board.Skip(1))
            Assert.Equal(row.VersusBest is null ? Verdict.TooFewRuns : row.VersusBest.PValue < 0.05 ? Verdict.Worse : Verdict.NotDistinguishable, row.Verdict);
        // sgd + relu has 2 finished runs (one failed, one pruned): under 3 seeds no interval, so no test either.
        Assert.Equal(Verdict.TooFewRuns, board.Single(r => r.Configuration.Key == "optimizer=sgd,activation=relu").Verdict);

        // The leaderboard's mean is the plain mean of the finished runs' final values.
        var expected = best.Configuration.DoneRuns.Average(r => r.Value("val_accuracy")!.Value);
        Assert.Equal(expected, best.Metric("val_accuracy").Mean, 12);
        Assert.Equal(3, best.Metric("val_accuracy").Count);
        // The failed and pruned runs do not count.
        Assert.Equal(2, board.Single(r => r.Configuration.Key == "optimizer=sgd,activation=relu").Metric("val_accuracy").Count);

        Assert.NotNull(analysis.BestRun);
        Assert.Contains(analysis.BestRun, best.Configuration.Runs);
        Assert.Equal(best.Configuration.DoneRuns.Max(r => r.Value("val_accuracy")), analysis.BestRun!.Value("val_accuracy"));
        Assert.Equal(300, analysis.BestRunPredictions.Count);
        Assert.Equal(300, analysis.BestRunConfusion()!.Total);
    }

    [Fact]
    public void Marginal_effects_and_pair_grids_average_over_everything_else()
    {
        using var temp = new TempFolder();
        var table = ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { });
        var analysis = SweepAnalysis.Of(table);

        Assert.Equal(5, analysis.Effects.Count);   // 3 optimizers + 2 activations, no seed
        var adam = analysis.Effects.Single(e => e.Axis == "optimizer" && e.Value == "adam");
        var adamRuns = table.Runs.Where(r => r.IsDone && r.AxisValue("optimizer") == "adam").ToArray();
        Assert.Equal(adamRuns.Length, adam.Metric.Count);
        Assert.Equal(adamRuns.Average(r => r.Value("val_accuracy")!.Value), adam.Metric.Mean, 12);

        var grid = Assert.Single(analysis.Pairs);
        Assert.Equal("optimizer", grid.ColumnAxis);
        Assert.Equal("activation", grid.RowAxis);
        Assert.Equal(2, grid.Cells.GetLength(0));
        Assert.Equal(3, grid.Cells.GetLength(1));
        var cell = grid.Cells[1, 2];   // relu x adam
        Assert.Equal(analysis.Best!.Metric("val_accuracy").Mean, cell.Mean, 12);
    }

    [Fact]
    public void Curves_average_the_seeds_per_epoch_with_a_min_max_band()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { }));

        var configuration = analysis.Best!.Configuration;
        var band = analysis.Curves.Single(c => c.Configuration == configuration && c.Column == "val_accuracy");
        Assert.Equal([1.0, 2, 3, 4, 5], band.Epochs);
        var atEpoch3 = configuration.DoneRuns.Select(r => r.History.Single(e => e.Epoch == 3)["val_accuracy"]!.Value).ToArray();
        Assert.Equal(atEpoch3.Average(), band.Mean[2], 12);
        Assert.Equal(atEpoch3.Min(), band.Low[2]);
        Assert.Equal(atEpoch3.Max(), band.High[2]);
    }

    [Fact]
    public void A_loss_metric_ranks_the_lowest_first()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var sweepJson = Path.Combine(directory, "sweep.json");
        File.WriteAllText(sweepJson, File.ReadAllText(sweepJson).Replace("\"metric\": \"val_accuracy\"", "\"metric\": \"val_loss\""));

        var analysis = SweepAnalysis.Of(ResultsTable.Load(directory, _ => { }));

        Assert.False(analysis.Maximize);
        var means = analysis.Leaderboard.Select(r => r.Metric("val_loss").Mean).ToArray();
        Assert.Equal(means.Order(), means);
        Assert.Equal(analysis.Best!.Configuration.DoneRuns.Min(r => r.Value("val_loss")), analysis.BestRun!.Value("val_loss"));
    }

    /// <summary>The leaderboard tested every configuration against the best uncorrected, while the race used Holm.</summary>
    [Fact]
    public void The_tests_against_the_best_are_Holm_adjusted()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(new ResultsFixture { WithFailedAndPruned = false }.Write(temp.Path), _ => { }));
        var board = analysis.Leaderboard;
        var best = board[0].Configuration.FinishedValues("val_accuracy");
        var raw = board.Skip(1).Select(r => WelchTest.TwoSided(best, r.Configuration.FinishedValues("val_accuracy"))!.PValue).ToArray();

        var shown = board.Skip(1).Select(r => r.VersusBest!.PValue).ToArray();

        // Holm by hand: the k-th smallest of m p-values times (m - k + 1), made non-decreasing, capped at 1.
        var order = Enumerable.Range(0, raw.Length).OrderBy(i => raw[i]).ToArray();
        var expected = new double[raw.Length];
        double running = 0;
        for (int k = 0; k < order.Length; k++) expected[order[k]] = running = Math.Max(running, Math.Min(1, (raw.Length - k) * raw[order[k]]));
        Assert.Equal(expected, shown);
        Assert.Contains(Enumerable.Range(0, raw.Length), i => shown[i] > raw[i]);
        Assert.All(board.Skip(1), r => Assert.Equal(r.VersusBest!.PValue < 0.05 ? Verdict.Worse : Verdict.NotDistinguishable, r.Verdict));
    }

    /// <summary>With 2 seeds the report said an interval "says nothing useful" yet declared configurations "worse at 0.05".</summary>
    [Fact]
    public void Two_seeds_give_neither_an_interval_nor_a_verdict()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(
            new ResultsFixture { Seeds = [1, 2], WithFailedAndPruned = false }.Write(temp.Path), _ => { }));

        Assert.All(analysis.Leaderboard.Skip(1), r => Assert.Equal(Verdict.TooFewRuns, r.Verdict));
        var answer = string.Join("\n", global::Runner.Reporting.SweepReportDocument.AnswerLines(analysis, null));
        Assert.Contains("says nothing useful", answer);
        Assert.DoesNotContain("Worse than the best", answer);
        Assert.Contains("Not tested (fewer than 3 finished seeds on one side)", answer);
    }

    [Fact]
    public void Single_seed_sweeps_rank_but_do_not_test()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(
            new ResultsFixture { Seeds = [1], WithFailedAndPruned = false }.Write(temp.Path), _ => { }));

        Assert.Equal(Verdict.Best, analysis.Leaderboard[0].Verdict);
        Assert.All(analysis.Leaderboard.Skip(1), r => Assert.Equal(Verdict.TooFewRuns, r.Verdict));
        Assert.All(analysis.Leaderboard, r => Assert.False(r.Metric("val_accuracy").HasInterval));
    }

    [Fact]
    public void A_sweep_with_no_finished_run_has_no_best()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture().Write(temp.Path);
        var runsCsv = Path.Combine(directory, "runs.csv");
        File.WriteAllText(runsCsv, File.ReadAllText(runsCsv).Replace(",done,", ",running,"));

        var analysis = SweepAnalysis.Of(ResultsTable.Load(directory, _ => { }));

        Assert.Null(analysis.Best);
        Assert.Null(analysis.BestRun);
        Assert.All(analysis.Leaderboard, r => Assert.Equal(Verdict.NoFinishedRuns, r.Verdict));
        // A sweep still running shows its curves so far.
        Assert.NotEmpty(analysis.Curves);
    }
}
