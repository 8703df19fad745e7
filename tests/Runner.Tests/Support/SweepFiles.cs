using Runner.Sweeps.Adaptive;
using Runner.Recording;

namespace Runner.Tests;

/// <summary>What a finished sweep left on disk, in a form two sweeps can be compared by (timings left out).</summary>
public static class SweepFiles
{
    static readonly string[] Timing = ["seconds", "train_seconds"];

    public static IReadOnlyList<string> RunsCsv(string experimentDir) =>
        new RunsTable(Path.Combine(experimentDir, "runs.csv")).Read()
            .Select(r => string.Join(",", r.Where(c => !Timing.Contains(c.Key)).Select(c => $"{c.Key}={c.Value}")))
            .ToList();

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> MetricsCsvs(string experimentDir) =>
        Directory.GetDirectories(Path.Combine(experimentDir, "runs")).ToDictionary(
            d => Path.GetFileName(d)!,
            d => (IReadOnlyList<string>)new MetricsLog(Path.Combine(d, "metrics.csv")).Read()
                .Select(m => $"{m.Epoch},{m.Values},{m.LearningRate:R}").ToList());

    /// <summary>Both sweeps left the same runs.csv and the same per-epoch metrics in every run (timings left out).</summary>
    public static void AssertSame(string expectedDir, string actualDir)
    {
        Assert.Equal(RunsCsv(expectedDir), RunsCsv(actualDir));
        Assert.Equal(MetricsCsvs(expectedDir), MetricsCsvs(actualDir));
    }

    /// <summary>Epoch rows written so far across every run of the sweep.</summary>
    public static int EpochsWritten(string experimentDir)
    {
        var runs = Path.Combine(experimentDir, "runs");
        if (!Directory.Exists(runs)) return 0;
        return Directory.GetDirectories(runs).Sum(d => new MetricsLog(Path.Combine(d, "metrics.csv")).Read().Count);
    }

    /// <summary>The decision journal without its timestamps: question and answers, in order.</summary>
    public static IReadOnlyList<string> Decisions(string experimentDir) =>
        DecisionJournal.Read(experimentDir).Select(e => $"{e.Sequence} {e.Question}: " + string.Join(" | ", e.Decisions.Select(d =>
            $"{d.Kind} {d.Subject} {d.Value:R} {d.PValue:R} {string.Join(";", d.Parameters ?? new Dictionary<string, string>())}"))).ToList();
}
