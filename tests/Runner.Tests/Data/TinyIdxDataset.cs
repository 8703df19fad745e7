using Runner.Data;

namespace Runner.Runner.Tests.Data;

/// <summary>A four-file MNIST-format dataset small enough to write by hand, with its own checksums.</summary>
internal sealed class TinyIdxDataset
{
    public Dictionary<IdxPart, byte[]> Content { get; } = new()
    {
        [IdxPart.TrainImages] = IdxBytes.Images(4, 2, 3),
        [IdxPart.TrainLabels] = IdxBytes.Labels(1, 0, 1, 1),
        [IdxPart.TestImages] = IdxBytes.Images(2, 2, 3),
        [IdxPart.TestLabels] = IdxBytes.Labels(0, 1),
    };

    public IdxDatasetFiles Files { get; }

    public TinyIdxDataset()
    {
        var names = new Dictionary<IdxPart, string>
        {
            [IdxPart.TrainImages] = "train-images-idx3-ubyte", [IdxPart.TrainLabels] = "train-labels-idx1-ubyte",
            [IdxPart.TestImages] = "t10k-images-idx3-ubyte", [IdxPart.TestLabels] = "t10k-labels-idx1-ubyte",
        };
        Files = new IdxDatasetFiles("tiny",
            Content.Select(c => new IdxFileSpec(c.Key, names[c.Key], Checksum.Sha256Hex(c.Value))).ToList(), ["0", "1"]);
    }

    /// <summary>Writes the given parts (all by default) into a folder, optionally gzipped as name.gz.</summary>
    public void WriteTo(string folder, bool gzip = false, params IdxPart[] parts)
    {
        foreach (var file in Files.Files.Where(f => parts.Length == 0 || parts.Contains(f.Part)))
            IdxBytes.Write(Path.Combine(folder, file.FileName + (gzip ? ".gz" : "")), Content[file.Part], gzip);
    }
}
