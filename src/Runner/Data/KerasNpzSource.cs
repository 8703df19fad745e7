using System.IO.Compression;

namespace Runner.Data;

/// <summary>
/// Keras's `mnist.npz` (x_train, y_train, x_test, y_test as uint8 arrays). Its arrays are written out
/// as idx files in the scratch folder, so they are checked against the same checksums as any other copy.
/// </summary>
internal sealed class KerasNpzSource(string npzPath) : IIdxSource
{
    static readonly (string Array, string IdxName)[] Arrays =
    [
        ("x_train", "train-images-idx3-ubyte"), ("y_train", "train-labels-idx1-ubyte"),
        ("x_test", "t10k-images-idx3-ubyte"), ("y_test", "t10k-labels-idx1-ubyte"),
    ];

    public string Description => $"Keras's copy {npzPath}";
    public bool Fetches => false;

    public string Provide(string scratchFolder, CancellationToken cancel)
    {
        if (!File.Exists(npzPath)) throw new SourceFailedException("no such file");
        Directory.CreateDirectory(scratchFolder);
        try
        {
            using var zip = ZipFile.OpenRead(npzPath);
            foreach (var (array, idxName) in Arrays)
            {
                var entry = zip.GetEntry(array + ".npy");
                if (entry is null) continue;   // reported as a missing file by the caller
                using var stream = entry.Open();
                var npy = NpyArray.ReadUInt8(stream, $"{npzPath}:{entry.FullName}");
                File.WriteAllBytes(Path.Combine(scratchFolder, idxName), npy.ToIdx());
            }
        }
        catch (Exception e) when (e is InvalidDataException or DataFileException)
        {
            throw new SourceFailedException($"unreadable: {e.Message}");
        }
        return scratchFolder;
    }
}
