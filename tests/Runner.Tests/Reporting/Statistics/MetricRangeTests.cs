using System.Globalization;
using CsCheck;
using Runner.Reporting;
using Runner.Reporting.Statistics;

namespace Runner.Tests.Reporting.Statistics;

/// <summary>An interval never leaves the values a metric can take; two seeds give no interval at all.</summary>
public sealed class MetricRangeTests
{
    [Fact]
    public void Intervals_of_any_sample_stay_within_the_metrics_range()
    {
        Gen.Double[0, 1].Array[1, 8].Sample(values =>
        {
            var s = SampleSummary.Of(values, "val_accuracy");
            if (s.HasInterval) Assert.InRange(s.CiLow, 0, 1);
            if (s.HasInterval) Assert.InRange(s.CiHigh, 0, 1);
        });
        Gen.Double[0, 50].Array[1, 8].Sample(values =>
        {
            foreach (var metric in new[] { "loss", "val_loss", "seconds" })
                Assert.True(!SampleSummary.Of(values, metric).HasInterval || SampleSummary.Of(values, metric).CiLow >= 0);
        });
    }

    [Fact]
    public void Fewer_than_three_seeds_show_their_min_max_instead_of_an_interval()
    {
        var two = SampleSummary.Of([0.5, 5.1], "loss");

        Assert.False(two.HasInterval);
        Assert.Equal("2.8000 (min-max 0.5000-5.1000, too few seeds for an interval)", NumberFormat.MeanCi(two, "loss"));
    }

    [Fact]
    public void The_report_clips_intervals_to_the_range_under_a_german_culture_too()
    {
        using var temp = new TempFolder();
        var dir = Path.Combine(temp.Path, "near_one");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "runs.csv"), """
            run_id,seed,status,epochs,loss,accuracy,val_loss,val_accuracy,test_loss,test_accuracy,parameters,seconds,hash,directory,reason
            seed=1,1,done,3,0.01,1,0.01,1,0.01,1,100,1.5,a1,seed=1-a1,
            seed=2,2,done,3,0.2,0.98,0.2,0.98,0.2,0.98,100,0.1,a2,seed=2-a2,
            seed=3,3,done,3,0.05,0.95,0.05,0.95,0.05,0.95,100,0.2,a3,seed=3-a3,

            """);
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            ReportWriter.Write(dir, _ => { }, images: null);
        }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }

        var leaderboard = File.ReadAllLines(Path.Combine(dir, "report", "leaderboard.csv"));
        var header = leaderboard[0].Split(',');
        var row = leaderboard[1].Split(',');
        foreach (var (column, i) in header.Select((c, i) => (c, i)).Where(c => c.c.Contains("_ci95_")))
        {
            var value = double.Parse(row[i], CultureInfo.InvariantCulture);
            var metric = column[..column.IndexOf("_ci95_", StringComparison.Ordinal)];
            Assert.True(value >= 0, $"{column} = {value}");
            if (metric.EndsWith("accuracy")) Assert.True(value <= 1, $"{column} = {value}");
        }
        var report = File.ReadAllText(Path.Combine(dir, "report", "report.md"));
        Assert.Contains(@"0.9767 \[0.9142, 1.0000\]", report);   // t(2) = 4.30 would reach 1.039 unclipped
        Assert.DoesNotContain("0,9767", report);
    }
}
