using Runner.Files;
using Runner.Recording;
using Runner.Results;

namespace Runner.Serve;

/// <summary>
/// A cheap fingerprint of what a sweep's dashboard shows: the size and time of runs.csv, sweep.json and
/// the decision journal, the runs/ folder (a run folder appears), and, for every run not yet ended, its
/// metrics.csv, result.json and lock holder (a killed worker leaves files unchanged but its lock free).
/// A finished sweep of 10,000 runs costs four stats; only live runs are looked at one by one.
/// </summary>
public static class ChangeToken
{
    public static long Of(string folder, IEnumerable<string> liveRunDirectories)
    {
        var experiment = new ExperimentFolder(folder);
        var hash = new HashCode();
        foreach (var path in new[] { experiment.RunsCsv, experiment.SweepJson, experiment.DecisionsFile, experiment.RunsDirectory })
            Add(ref hash, path);
        foreach (var directory in liveRunDirectories.Where(ResultsLayout.IsRunFolderName))
        {
            var run = experiment.Run(directory);
            Add(ref hash, run.MetricsCsv);
            Add(ref hash, run.ResultJson);
            if (FileKind.Of(run.LockFile) == FileType.Regular) hash.Add(FileLock.Holder(run.LockFile)?.ToString());
        }
        return hash.ToHashCode();
    }

    static void Add(ref HashCode hash, string path)
    {
        var info = new FileInfo(path);
        info.Refresh();
        if (info.Attributes == (FileAttributes)(-1)) { hash.Add(0); return; }   // missing
        hash.Add(info.Exists ? info.Length : -1);
        hash.Add(info.LastWriteTimeUtc.Ticks);
    }
}
