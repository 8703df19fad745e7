namespace Runner.Data;

/// <summary>
/// Fetches a Debian package with `apt-get download` (no root needed, nothing installed) and unpacks
/// it with `dpkg-deb -x`; the files are in a folder inside the package.
/// On a fresh machine apt's package lists are empty and apt knows no package at all. Then Runner refreshes
/// a private copy of the lists under its own cache (<paramref name="aptFolder"/>: `apt-get update` with
/// Dir::State::Lists and Dir::Cache pointed there, which works as root and as any user and leaves the
/// system's lists alone) and downloads with that copy.
/// </summary>
internal sealed class AptDownloadSource(string package, string folderInPackage, string aptFolder) : IIdxSource
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Description => $"apt-get download {package}";
    public bool Fetches => true;

    public string Provide(string scratchFolder, CancellationToken cancel)
    {
        Directory.CreateDirectory(scratchFolder);
        var download = ExternalCommand.Run("apt-get", ["download", package], scratchFolder, Timeout, cancel);
        if (download.ExitCode != 0 && download.StandardError.Contains("Unable to locate package", StringComparison.Ordinal))
        {
            string[] privateLists = ["-o", $"Dir::State::Lists={Path.Combine(aptFolder, "lists")}", "-o", $"Dir::Cache={Path.Combine(aptFolder, "cache")}"];
            Directory.CreateDirectory(Path.Combine(aptFolder, "lists", "partial"));
            Directory.CreateDirectory(Path.Combine(aptFolder, "cache"));
            var update = ExternalCommand.Run("apt-get", ["-q", .. privateLists, "update"], scratchFolder, Timeout, cancel);
            if (update.ExitCode != 0)
                throw new SourceFailedException(
                    $"apt knows no package {package} (its package lists are empty, as on a fresh machine), and refreshing a private copy of them " +
                    $"in {aptFolder} failed: apt-get update exited with code {update.ExitCode}: {update.Tail()}. Run `apt-get update` as root, then try again");
            download = ExternalCommand.Run("apt-get", [.. privateLists, "download", package], scratchFolder, Timeout, cancel);
            try { Directory.Delete(aptFolder, recursive: true); } catch (IOException) { }   // 50 MB of lists, needed once
            if (download.ExitCode != 0 && download.StandardError.Contains("Unable to locate package", StringComparison.Ordinal))
                throw new SourceFailedException($"apt knows no package {package}, even with freshly updated package lists: " +
                                                "add a Debian source with the main component to /etc/apt/sources.list, or place the files by hand");
        }
        var archive = Directory.GetFiles(scratchFolder, "*.deb").FirstOrDefault();
        if (download.ExitCode != 0 || archive is null)
            throw new SourceFailedException($"apt-get exited with code {download.ExitCode}: {download.Tail()}");

        var unpacked = Path.Combine(scratchFolder, "unpacked");
        var extract = ExternalCommand.Run("dpkg-deb", ["-x", archive, unpacked], scratchFolder, Timeout, cancel);
        if (extract.ExitCode != 0)
            throw new SourceFailedException($"dpkg-deb -x {Path.GetFileName(archive)} exited with code {extract.ExitCode}: {extract.Tail()}");
        return Path.Combine(unpacked, folderInPackage);
    }
}
