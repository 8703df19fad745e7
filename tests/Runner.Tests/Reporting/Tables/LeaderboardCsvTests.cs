using System.Globalization;
using global::Runner.Reporting;
using global::Runner.Reporting.Results;
using global::Runner.Reporting.Statistics;
using global::Runner.Reporting.Tables;

namespace Runner.Tests.Reporting.Tables;

public class LeaderboardCsvTests
{
    static string WriteUnder(CultureInfo culture, SweepAnalysis analysis, string path)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            LeaderboardCsv.Write(analysis, path);
            return File.ReadAllText(path);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Fact]
    public void Leaderboard_is_identical_under_a_german_culture()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { }));

        var invariant = WriteUnder(CultureInfo.InvariantCulture, analysis, Path.Combine(temp.Path, "invariant.csv"));
        var german = WriteUnder(new CultureInfo("de-DE"), analysis, Path.Combine(temp.Path, "german.csv"));

        Assert.Equal(invariant, german);
        Assert.DoesNotMatch("[0-9],[0-9]{4}", german.Split('\n')[1].Replace("\"optimizer=adam,activation=relu\"", ""));
    }

    [Fact]
    public void Leaderboard_rows_carry_the_statistics_the_analysis_computed()
    {
        using var temp = new TempFolder();
        var analysis = SweepAnalysis.Of(ResultsTable.Load(new ResultsFixture().Write(temp.Path), _ => { }));
        var path = Path.Combine(temp.Path, "leaderboard.csv");
        LeaderboardCsv.Write(analysis, path);

        var csv = File.ReadAllLines(path);
        var header = csv[0].Split(',');
        Assert.Equal(["rank", "configuration", "optimizer", "activation", "runs", "n", "statuses",
            "val_accuracy_mean", "val_accuracy_ci95_low", "val_accuracy_ci95_high"], header.Take(10));
        Assert.Equal(["p_value_vs_best", "verdict"], header.TakeLast(2));
        Assert.Equal(7 + 3 * 7 + 2, header.Length);   // compared metric, 5 other metrics and seconds
        Assert.Equal(7, csv.Length);

        Assert.StartsWith("1,\"optimizer=adam,activation=relu\",adam,relu,3,3,done: 3,", csv[1]);
        Assert.EndsWith(",,best", csv[1]);
        var best = analysis.Best!.Metric("val_accuracy");
        var cells = csv[1].Replace("\"optimizer=adam,activation=relu\"", "key").Split(',');
        Assert.Equal(best.Mean, double.Parse(cells[7], CultureInfo.InvariantCulture));
        Assert.Equal(best.CiLow, double.Parse(cells[8], CultureInfo.InvariantCulture));
        Assert.Equal(best.CiHigh, double.Parse(cells[9], CultureInfo.InvariantCulture));

        var pruned = csv.Single(l => l.Contains("pruned"));
        Assert.Contains(",3,2,\"done: 2, pruned: 1\",", pruned);
        Assert.Contains(NumberFormat.Machine(analysis.Leaderboard[1].VersusBest!.PValue), csv[2]);
    }
}
