namespace Runner.Data;

/// <summary>
/// Fetches a Debian package with `apt-get download` (no root needed, nothing installed) and unpacks
/// it with `dpkg-deb -x`; the files are in a folder inside the package.
/// </summary>
internal sealed class AptDownloadSource(string package, string folderInPackage) : IIdxSource
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Description => $"apt-get download {package}";
    public bool Fetches => true;

    public string Provide(string scratchFolder, CancellationToken cancel)
    {
        Directory.CreateDirectory(scratchFolder);
        var download = ExternalCommand.Run("apt-get", ["download", package], scratchFolder, Timeout, cancel);
        var archive = Directory.GetFiles(scratchFolder, "*.deb").FirstOrDefault();
        if (download.ExitCode != 0 || archive is null)
            // On a fresh machine apt's package lists are empty and apt knows no package at all.
            throw new SourceFailedException(
                $"apt-get exited with code {download.ExitCode}: {download.Tail()}. " +
                "If apt's package lists are empty (a fresh machine), run `apt-get update` as root, then try again");

        var unpacked = Path.Combine(scratchFolder, "unpacked");
        var extract = ExternalCommand.Run("dpkg-deb", ["-x", archive, unpacked], scratchFolder, Timeout, cancel);
        if (extract.ExitCode != 0)
            throw new SourceFailedException($"dpkg-deb -x {Path.GetFileName(archive)} exited with code {extract.ExitCode}: {extract.Tail()}");
        return Path.Combine(unpacked, folderInPackage);
    }
}
