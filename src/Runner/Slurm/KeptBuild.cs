using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Runner.Slurm;

/// <summary>
/// The Runner build that submits a sweep, copied beside the sweep's Slurm files as
/// `slurm/build-&lt;fingerprint&gt;/`, so tasks that start hours later run the very same version even if
/// the clone was rebuilt meanwhile. The fingerprint covers every copied file's path, size and
/// modification time: a rebuild makes a new copy, a resubmission with the same build reuses it.
/// Only this platform's native libraries are copied (runtimes/&lt;rid&gt;/).
/// </summary>
public static class KeptBuild
{
    public const string EntryAssembly = "runner.dll";

    static string AppDirectory => AppContext.BaseDirectory;

    /// <summary>Where the copy for this build goes under <paramref name="slurmDirectory"/>.</summary>
    public static string FolderFor(string slurmDirectory) => Path.Combine(slurmDirectory, $"build-{Fingerprint()}");

    /// <summary>Copies the build (unless this build's copy exists) and returns the copy's entry assembly.</summary>
    public static string Publish(string slurmDirectory)
    {
        var target = FolderFor(slurmDirectory);
        if (!File.Exists(Path.Combine(target, EntryAssembly)))
        {
            // Copied into a temporary folder and renamed: a crash mid-copy leaves no half build to run.
            var partial = $"{target}.partial-{Environment.ProcessId}";
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
            foreach (var file in Files())
            {
                var destination = Path.Combine(partial, Path.GetRelativePath(AppDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(file));
            }
            try { Directory.Move(partial, target); }
            catch (IOException) when (File.Exists(Path.Combine(target, EntryAssembly))) { Directory.Delete(partial, recursive: true); } // another submit won
        }
        return Path.Combine(target, EntryAssembly);
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

    static string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var file in Files())
        {
            var info = new FileInfo(file);
            text.Append(Path.GetRelativePath(AppDirectory, file)).Append('|').Append(info.Length).Append('|')
                .Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>Every file of the build but other platforms' native libraries, in a stable order.</summary>
    static IEnumerable<string> Files()
    {
        var runtimes = Path.Combine(AppDirectory, "runtimes");
        var mine = Path.Combine(runtimes, RuntimeInformation.RuntimeIdentifier);
        return Directory.EnumerateFiles(AppDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(runtimes + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        || f.StartsWith(mine + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}
