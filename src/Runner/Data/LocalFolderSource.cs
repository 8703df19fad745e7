namespace Runner.Data;

/// <summary>A copy the user already has: Keras's, torchvision's or the Debian package's folder.</summary>
internal sealed class LocalFolderSource(string what, string folder) : IIdxSource
{
    public string Description => $"{what} in {folder}";
    public bool Fetches => false;

    public string Provide(string scratchFolder, CancellationToken cancel) =>
        Directory.Exists(folder) ? folder : throw new SourceFailedException("no such folder");
}
