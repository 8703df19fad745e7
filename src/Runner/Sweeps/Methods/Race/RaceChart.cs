using System.Globalization;
using Runner.Reporting.Charts;
using Runner.Reporting.Statistics;
using Runner.Sweeps.Adaptive;
using ScottPlot;

namespace Runner.Sweeps.Methods.Race;

/// <summary>
/// A race round by round: for every configuration still in a round, the mean of report.metric over the
/// seeds that round was decided on, with its 95% CI (min-max under 3 seeds), joined across rounds; a
/// cross marks the round it was eliminated in, and the legend says which round and its Holm-adjusted p
/// (labels beside the crosses overlapped where configurations go out together). Read from decisions.jsonl and
/// the runs, so `runner report` alone redraws it. Null for a sweep that is not a race.
/// </summary>
internal sealed class RaceChart(SweepAnalysis analysis, IReadOnlyList<RoundAnswer> rounds) : IChart
{
    public static RaceChart? For(SweepAnalysis analysis)
    {
        try
        {
            // A journal the results contradict is not drawn as the race: the Race section says what is wrong.
            var race = AuditedRace.Of(analysis.Table);
            return race.Rounds.Count == 0 || race.Contradicted ? null : new RaceChart(analysis, race.Rounds);
        }
        catch (InvalidDataException) { return null; } // the report's Race section says what is wrong with the journal
    }

    public string FileName => $"race_{ChartStyle.FileSafe(analysis.Metric)}_by_round.png";

    public string Caption => $"The race by round: each configuration's mean {analysis.Metric} over the seeds of the round, whiskers = {BandName}; " +
                             "a cross marks the round it was eliminated in (the legend gives the round and the Holm-adjusted p)";

    string BandName => ChartStyle.BandName(Points().Select(p => p.Summary), "seeds");

    public void Save(string path) => ChartStyle.Save(Draw(), path);

    /// <summary>Each configuration's summary in each round it was decided in, and the decision.</summary>
    IEnumerable<(Runner.Reporting.Results.Configuration Configuration, int Round, SampleSummary Summary, Decision Decision)> Points()
    {
        foreach (var configuration in analysis.Table.Configurations)
            foreach (var (round, (seeds, entry)) in rounds.Select((r, i) => (i + 1, r)))
            {
                var decision = entry.Decisions.FirstOrDefault(d => d.Subject == configuration.Key && d.Kind is Decision.Survive or Decision.Eliminate);
                if (decision is null) continue;
                var values = configuration.DoneRuns.Where(r => SeedOf(r) <= seeds).Select(r => r.Value(analysis.Metric) ?? double.NaN);
                var summary = SampleSummary.Of(values, analysis.Metric);
                if (summary.Count > 0) yield return (configuration, round, summary, decision);
            }
    }

    internal Plot Draw()
    {
        var table = analysis.Table;
        var plot = ChartStyle.NewPlot($"Race: final {analysis.Metric} by round ({BandName})", "round (seeds per configuration)", ChartStyle.WithUnit(analysis.Metric));
        var configurations = table.Configurations;
        double width = Math.Min(0.6, 0.12 * configurations.Count); // configurations side by side within a round
        var points = new List<(double X, SampleSummary Summary, Color Color)>();
        var legend = new List<LegendItem>();
        foreach (var configuration in configurations)
        {
            var color = ChartStyle.ConfigurationColor(configuration.Index, configurations.Count);
            double offset = configurations.Count == 1 ? 0 : -width / 2 + width * configuration.Index / (configurations.Count - 1);
            var line = new List<Coordinates>();
            var legendText = configuration.Label;
            foreach (var (_, round, summary, decision) in Points().Where(p => p.Configuration == configuration))
            {
                double x = round + offset;
                points.Add((x, summary, color));
                line.Add(new Coordinates(x, summary.Mean));
                if (decision.Kind == Decision.Eliminate)
                {
                    var cross = plot.Add.Marker(x, summary.Mean, MarkerShape.Eks, 22, Colors.Black);
                    cross.MarkerLineWidth = 3;
                    legendText += decision.PValue is { } p ? $" (out in round {round}, p {p.ToString("G2", CultureInfo.InvariantCulture)})" : $" (out in round {round})";
                }
            }
            if (line.Count > 1)
            {
                var trace = plot.Add.ScatterLine(line);
                trace.Color = color.WithAlpha(0.6);
                trace.LineWidth = 2;
            }
            legend.Add(new LegendItem { LabelText = legendText, FillColor = color });
        }
        ChartStyle.PointsWithWhiskers(plot, points.Select(p => p.X).ToArray(), points.Select(p => p.Summary).ToArray(), points.Select(p => p.Color).ToArray());
        var (low, high) = ValueAxisRange.For(points.Select(p => ChartStyle.Whisker(p.Summary)));
        plot.Axes.SetLimitsY(low, high);
        plot.Axes.SetLimitsX(0.4, rounds.Count + 0.6);
        plot.Axes.Bottom.SetTicks(rounds.Select((r, i) => (double)(i + 1)).ToArray(),
            rounds.Select((r, i) => $"{i + 1} ({r.Seeds})").ToArray());
        ChartStyle.LegendOutside(plot, legend);
        return plot;
    }

    static int SeedOf(Runner.Reporting.Results.RunResult run) =>
        int.TryParse(run.AxisValue(Runner.Results.SeedAxis.Name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : int.MaxValue;
}
