namespace Runner.Files;

/// <summary>A results folder holds something Runner did not put there and will not follow or overwrite.</summary>
public sealed class UnsafeResultsFolderException(string message) : Exception(message);

/// <summary>
/// Results folders are Runner's alone: before a command reads or writes one, every entry in it must be
/// a regular file or a folder. A symbolic link (report/ pointing at ~/Pictures, a sweep.log pointing at
/// ~/.bashrc), a FIFO or a device would let a folder received from someone else make Runner delete,
/// overwrite, append to or block on something outside it, so the command refuses instead.
/// </summary>
public static class ResultsFolderGuard
{
    /// <summary>Throws <see cref="UnsafeResultsFolderException"/> naming the first such entry.</summary>
    /// <param name="folderNames">Entries that must be folders where they exist (an experiment folder's runs/ and
    /// report/): a file there would fail the first write with a raw IO error.</param>
    public static void Check(string folder, params IReadOnlyList<string> folderNames)
    {
        var kind = FileKind.Of(folder);
        if (kind == FileType.Missing)
        {
            // `--results FILE`: the folder can't be made inside a file.
            if (Path.GetDirectoryName(Path.GetFullPath(folder)) is { } parent && FileKind.OfTarget(parent) is FileType.Regular or FileType.Other)
                throw Refuse(parent, FileType.Regular);
            return;
        }
        if (kind != FileType.Directory) throw Refuse(folder, kind);
        foreach (var name in folderNames)
            if (FileKind.Of(Path.Combine(folder, name)) == FileType.Regular)
                throw new UnsafeResultsFolderException($"{Path.Combine(folder, name)} is a file where Runner keeps its {name}/ folder; move it away and run again");
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*", options))
        {
            var type = FileKind.Of(entry);
            if (type is FileType.Symlink or FileType.Other) throw Refuse(entry, type);
            if (type == FileType.Regular && ReadWhole.Contains(Path.GetExtension(entry)) && new FileInfo(entry).Length > Limits.MaxResultsFileBytes)
                throw new UnsafeResultsFolderException($"{entry} is larger than {Limits.MaxResultsFileBytes / 1024 / 1024} MB, the limit for a results file " +
                                                       "Runner reads whole; it is not one Runner wrote. Remove it and run again");
        }
    }

    /// <summary>Results files read whole: a sparse file costs nothing to send and gigabytes of memory to read.</summary>
    static readonly string[] ReadWhole = [".csv", ".json", ".jsonl", ".yaml", ".txt"];

    /// <summary>For a file about to be appended to or replaced: it is absent or a regular file.</summary>
    public static void CheckFile(string path)
    {
        var kind = FileKind.Of(path);
        if (kind is not (FileType.Missing or FileType.Regular)) throw Refuse(path, kind);
    }

    /// <summary>Deletes <paramref name="path"/> only if it is a regular file (never a link's target).</summary>
    public static void DeleteFile(string path)
    {
        if (FileKind.Of(path) == FileType.Regular) File.Delete(path);
    }

    static UnsafeResultsFolderException Refuse(string path, FileType kind) => new(kind switch
    {
        FileType.Symlink => $"{path} is a symbolic link (to {new FileInfo(path).LinkTarget}); Runner never follows links inside a results folder. " +
                            "Remove the link (or choose another folder with --results) and run again",
        FileType.Directory => $"{path} is a folder where Runner keeps a file; move it away and run again",
        FileType.Regular => $"{path} is a file where Runner expects a folder; give a folder (--results DIR, or results/<name>)",
        _ => $"{path} is not a regular file (a FIFO, device or socket); Runner keeps only its own files in a results folder. " +
             "Remove it and run again",
    });
}
