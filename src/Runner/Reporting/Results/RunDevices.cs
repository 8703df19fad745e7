using Runner.Results;

namespace Runner.Reporting.Results;

/// <summary>
/// Where the runs trained, from each run's result.json ("Device": what `train.device` came to, `auto`
/// decided): "cpu", or "cuda:0 (12 runs), cpu (6 runs)" when they differ. Empty when no run says.
/// </summary>
public static class RunDevices
{
    public static string Describe(IEnumerable<RunResult> runs)
    {
        var devices = runs.Select(r => Read(Path.Combine(r.Folder, ResultsLayout.ResultFile))).OfType<string>()
            .GroupBy(d => d).OrderByDescending(g => g.Count()).ToList();
        return devices.Count == 1 ? devices[0].Key
            : string.Join(", ", devices.Select(g => $"{g.Key} ({g.Count()} {(g.Count() == 1 ? "run" : "runs")})"));
    }

    static string? Read(string path)
    {
        try { return RunOutcome.Read(path)?.Device; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
