using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Runner.Files;

namespace Runner.Sweeps.Launchers.Slurm;

/// <summary>
/// The Runner build that submits a sweep, copied beside the sweep's Slurm files as
/// `slurm/build-&lt;fingerprint&gt;/`, so tasks that start hours later run the very same version even if
/// the clone was rebuilt meanwhile. The fingerprint covers every copied file's path, size and
/// modification time: a rebuild makes a new copy, a resubmission with the same build reuses it.
/// Only this platform's native libraries are copied (runtimes/&lt;rid&gt;/), and no nested build
/// (the bin/.../linux-x64/publish/ that `dotnet pack` leaves).
/// The fingerprint is predictable (`submit --dry-run` prints it), so a copy found in place is reused only
/// when it is this build byte for byte and writable by its owner alone: a results folder from someone
/// else could otherwise plant a runner.dll that every array task would run.
/// </summary>
public static class KeptBuild
{
    public const string EntryAssembly = "runner.dll";

    static string AppDirectory => AppContext.BaseDirectory;

    const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Where the copy for this build goes under <paramref name="slurmDirectory"/>.</summary>
    public static string FolderFor(string slurmDirectory) => FolderFor(slurmDirectory, AppDirectory);

    internal static string FolderFor(string slurmDirectory, string build) => Path.Combine(slurmDirectory, $"build-{Fingerprint(build)}");

    /// <summary>Copies the build (unless a verified copy exists) and returns the copy's entry assembly.</summary>
    public static string Publish(string slurmDirectory) => Publish(slurmDirectory, AppDirectory);

    internal static string Publish(string slurmDirectory, string build)
    {
        var target = FolderFor(slurmDirectory, build);
        if (FileKind.Of(target) != FileType.Missing) Verify(target, build);
        else
        {
            // Copied into a temporary folder and renamed: a crash mid-copy leaves no half build to run.
            var partial = $"{target}.partial-{Environment.ProcessId}";
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            foreach (var file in Files(build))
            {
                var destination = Path.Combine(partial, Path.GetRelativePath(build, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(file) & ~WritableByOthers);
            }
            try { Directory.Move(partial, target); }
            catch (IOException) when (File.Exists(Path.Combine(target, EntryAssembly)))
            {
                Directory.Delete(partial, recursive: true);   // another submit won
                Verify(target, build);
            }
        }
        return Path.Combine(target, EntryAssembly);
    }

    /// <summary>
    /// Throws <see cref="SlurmException"/> unless <paramref name="copy"/> holds exactly the build's files, each a
    /// regular file with the same bytes, and nothing in it is writable by group or others.
    /// </summary>
    static void Verify(string copy, string build)
    {
        var expected = Files(build).Select(f => Path.GetRelativePath(build, f)).ToList();
        var problem = FileKind.Of(copy) != FileType.Directory ? "it is not a plain folder" : null;
        if (problem is null)
        {
            var found = Directory.EnumerateFileSystemEntries(copy, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(e => (Path: e, Kind: FileKind.Of(e))).ToList();
            var files = found.Where(e => e.Kind != FileType.Directory).Select(e => Path.GetRelativePath(copy, e.Path)).Order(StringComparer.Ordinal).ToList();
            problem = found.FirstOrDefault(e => e.Kind is FileType.Symlink or FileType.Other) is { Path: not null } odd ? $"{odd.Path} is a link or special file"
                : !files.SequenceEqual(expected) ? "its files are not this build's files"
                : !OperatingSystem.IsWindows() && found.Select(e => e.Path).Prepend(copy).FirstOrDefault(p => (File.GetUnixFileMode(p) & WritableByOthers) != 0) is { } open
                    ? $"{open} is writable by group or others"
                : expected.FirstOrDefault(f => !SameBytes(Path.Combine(build, f), Path.Combine(copy, f))) is { } changed ? $"{changed} differs from this build's"
                : null;
        }
        if (problem is not null)
            throw new SlurmException($"{copy} is not an unaltered copy of this Runner build ({problem}); Runner will not run it. " +
                                     "Remove that folder and submit again, and Runner copies its build afresh");
    }

    static bool SameBytes(string a, string b)
    {
        using var first = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var second = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (first.Length != second.Length) return false;
        var x = new byte[1 << 20];
        var y = new byte[1 << 20];
        int read;
        while ((read = first.ReadAtLeast(x, x.Length, throwOnEndOfStream: false)) > 0)
            if (second.ReadAtLeast(y, read, throwOnEndOfStream: false) != read || !x.AsSpan(0, read).SequenceEqual(y.AsSpan(0, read))) return false;
        return second.ReadByte() < 0;
    }

    /// <summary>The dotnet host that runs the build, by absolute path.</summary>
    public static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        return SlurmCommands.Locate("dotnet") ?? throw new SlurmException("the dotnet host is not on PATH; set DOTNET_ROOT");
    }

    static string Fingerprint(string build)
    {
        var text = new StringBuilder();
        foreach (var file in Files(build))
        {
            var info = new FileInfo(file);
            text.Append(Path.GetRelativePath(build, file)).Append('|').Append(info.Length).Append('|')
                .Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>Every file of the build but other platforms' native libraries and nested builds, in a stable order.</summary>
    static IEnumerable<string> Files(string build)
    {
        build = Path.TrimEndingDirectorySeparator(build);
        var runtimes = Path.Combine(build, "runtimes");
        var mine = Path.Combine(runtimes, RuntimeInformation.RuntimeIdentifier);
        // A folder below the build holding its own entry assembly is another build (dotnet pack's <rid>/ and <rid>/publish/).
        var nested = Directory.EnumerateFiles(build, EntryAssembly, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Where(d => d != build).Select(d => d + Path.DirectorySeparatorChar).ToList();
        return Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(runtimes + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        || f.StartsWith(mine + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !nested.Any(n => f.StartsWith(n!, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
    }
}
