using Runner.Files;
using Runner.Results;

namespace Runner.Prediction;

/// <summary>
/// A file the user names for `export --onnx` or `predict --output`. It is written by a temporary file
/// renamed over it, so it must be absent or a regular file: a rename would turn /dev/null, a FIFO or a
/// symbolic link into a plain file (as root, replacing a system file). It must not lie inside the results
/// folder the model comes from, nor any other sweep's, where it would replace a run's model.bin or a
/// sweep's runs.csv: compared as real paths, so a link along the way doesn't hide where it lands.
/// </summary>
public static class OutputFile
{
    /// <summary>Throws <see cref="UsageException"/> when <paramref name="path"/> can't be written safely; <paramref name="option"/> names the flag.</summary>
    public static void Check(string path, string option, TrainedRun source)
    {
        CheckName(path, option);
        var full = Path.GetFullPath(path);
        switch (FileKind.Of(full))
        {
            case FileType.Symlink:
                throw new UsageException($"{option} {path}: a symbolic link; writing would replace the link, not its target. Give the target's path or a new file");
            case FileType.Directory:
                throw new UsageException($"{option} {path}: a folder; give a file name inside it");
            case FileType.Other:
                throw new UsageException($"{option} {path}: a device, FIFO or socket, not a regular file; give a file name");
        }
        var results = ResultsFolderOf(source.Folder);
        var inside = RealPath.Inside(full, results) ? results : ResultsFolderAround(RealPath.Of(full));
        if (inside is not null)
            throw new UsageException($"{option} {path}: inside the results folder {inside}, whose files are Runner's (a run's model.bin, config.yaml...); write it elsewhere");
    }

    /// <summary>The nearest folder around <paramref name="realPath"/> that is a sweep's results folder (it holds runs.csv or sweep.json), or null.</summary>
    static string? ResultsFolderAround(string realPath)
    {
        for (var dir = Path.GetDirectoryName(realPath); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, ResultsLayout.RunsFile)) || File.Exists(Path.Combine(dir, ResultsLayout.SweepFile)))
                return dir;
        return null;
    }

    /// <summary>Checked before the model loads: an empty name is a usage error, not an internal one.</summary>
    public static void CheckName(string path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException($"{option} '': give a file name");
    }

    /// <summary>results/NAME for a run in results/NAME/runs/RUN, else the run folder itself.</summary>
    static string ResultsFolderOf(string runFolder)
    {
        var full = Path.GetFullPath(runFolder).TrimEnd(Path.DirectorySeparatorChar);
        var runs = Path.GetDirectoryName(full);
        if (runs is not null && Path.GetFileName(runs) == ResultsLayout.RunsFolder && Path.GetDirectoryName(runs) is { } experiment
            && File.Exists(Path.Combine(experiment, ResultsLayout.SweepFile)))
            return experiment;
        return full;
    }

    /// <summary>Writes through <paramref name="write"/>; an unwritable place is the user's to fix, so it is a usage error naming the file.</summary>
    public static void Write(string path, string option, Action write)
    {
        try { write(); }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException || e is IOException io && !DiskSpace.IsFull(io))
        {
            throw new UsageException($"{option} {path}: can't write it ({e.Message}); give a file in a writable folder");
        }
    }
}
