using System.Globalization;
using Runner.Config;
using Runner.Files;
using Runner.Results;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>One `runner submit`: its array job, its report job and the run directories of its tasks (task i trains Tasks[i]: one run, or a fused array).</summary>
public sealed record Submission(DateTime Submitted, string ArrayJob, string ReportJob, string Folder, IReadOnlyList<IReadOnlyList<string>> Tasks)
{
    /// <summary>tasks.txt: a line per task, its runs' directory names separated by spaces (a name has none).</summary>
    public static string TaskLines(IEnumerable<IEnumerable<string>> tasks) => string.Join('\n', tasks.Select(t => string.Join(' ', t))) + "\n";

    public static IReadOnlyList<IReadOnlyList<string>> Parse(IEnumerable<string> lines) =>
        lines.Select(l => (IReadOnlyList<string>)l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
}

/// <summary>
/// results/&lt;name&gt;/slurm/jobs.csv: every submission of the sweep (time, array job id, report job id,
/// folder of its scripts), so `runner status` and `submit --wait` know which Slurm jobs are this sweep's.
/// </summary>
public sealed class SlurmJobs(string slurmDirectory)
{
    public const string TasksFile = "tasks.txt";
    const string Header = "submitted,array_job,report_job,folder";

    string FilePath => Path.Combine(slurmDirectory, "jobs.csv");

    public void Add(Submission submission)
    {
        using var _ = FileLock.Acquire(FilePath + ".lock");
        var lines = File.Exists(FilePath) ? ReadLines(FilePath).ToList() : [Header];
        lines.Add(string.Join(',', submission.Submitted.ToString("o", CultureInfo.InvariantCulture),
            submission.ArrayJob, submission.ReportJob, Path.GetFileName(submission.Folder)));
        AtomicFile.WriteAllText(FilePath, string.Join('\n', lines) + "\n");
    }

    /// <summary>Every submission, oldest first; a line that can't be read is skipped.</summary>
    public IReadOnlyList<Submission> Read()
    {
        if (!File.Exists(FilePath)) return [];
        var submissions = new List<Submission>();
        foreach (var line in ReadLines(FilePath).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length != 4 || !DateTime.TryParse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var submitted)) continue;
            if (cells[3].Contains('/') || cells[3].StartsWith('.')) continue; // a folder beside this file, nothing else
            var folder = Path.Combine(slurmDirectory, cells[3]);
            var tasks = Path.Combine(folder, TasksFile);
            submissions.Add(new Submission(submitted, cells[1], cells[2], folder, File.Exists(tasks) ? Submission.Parse(ReadLines(tasks)) : []));
        }
        return submissions;
    }

    /// <summary>
    /// The lines of a file under slurm/, read with a bound: the folder may come from someone else, and a
    /// sparse 3 GB tasks.txt costs nothing to plant (a 1,000-run sweep's is about 100 KB).
    /// </summary>
    static string[] ReadLines(string path)
    {
        if (FileKind.Of(path) != FileType.Regular)
            throw new DamagedResultsFileException(path, null, "not a regular file (a link, FIFO or device) where Runner wrote a plain file; remove it");
        var text = BoundedRead.Text(path, Limits.MaxResultsFileBytes)
                   ?? throw new DamagedResultsFileException(path, null, $"larger than {Limits.MaxResultsFileBytes / 1024 / 1024} MB, far more than Runner writes there; remove it");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines.ToArray();
    }
}
