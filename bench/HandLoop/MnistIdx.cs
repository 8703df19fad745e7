using System.Buffers.Binary;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace Bench.HandLoop;

/// <summary>MNIST as tensors: images float32 [N,1,28,28] scaled to [0,1], labels int64 [N].</summary>
public sealed class MnistTensors : IDisposable
{
    public required Tensor TrainImages { get; init; }
    public required Tensor TrainLabels { get; init; }
    public required Tensor TestImages { get; init; }
    public required Tensor TestLabels { get; init; }

    public void Dispose()
    {
        TrainImages.Dispose(); TrainLabels.Dispose(); TestImages.Dispose(); TestLabels.Dispose();
    }

    /// <summary>Reads the four idx files (plain or .gz) from <paramref name="dir"/>; keeps the first
    /// <paramref name="trainLimit"/> training samples, like the runner's `train_limit`.</summary>
    public static MnistTensors Load(string dir, int? trainLimit)
    {
        var trainImages = ReadIdx(Find(dir, "train-images"), out var trainShape);
        var trainLabels = ReadIdx(Find(dir, "train-labels"), out _);
        var testImages = ReadIdx(Find(dir, "t10k-images"), out var testShape);
        var testLabels = ReadIdx(Find(dir, "t10k-labels"), out _);
        var n = Math.Min(trainLimit ?? trainShape[0], trainShape[0]);
        return new MnistTensors
        {
            TrainImages = Images(trainImages, n, trainShape),
            TrainLabels = Labels(trainLabels, n),
            TestImages = Images(testImages, testShape[0], testShape),
            TestLabels = Labels(testLabels, testShape[0]),
        };
    }

    static Tensor Images(byte[] pixels, int n, int[] shape)
    {
        using var bytes = tensor(pixels, [shape[0], 1, shape[1], shape[2]], ScalarType.Byte);
        using var slice = bytes.narrow(0, 0, n);
        using var floats = slice.to_type(ScalarType.Float32);
        return floats.div(255f);
    }

    static Tensor Labels(byte[] labels, int n)
    {
        using var bytes = tensor(labels, [labels.Length], ScalarType.Byte);
        using var slice = bytes.narrow(0, 0, n);
        return slice.to_type(ScalarType.Int64);
    }

    static string Find(string dir, string stem)
    {
        foreach (var name in new[] { $"{stem}-idx3-ubyte", $"{stem}-idx1-ubyte", $"{stem}.idx3-ubyte", $"{stem}.idx1-ubyte" })
            foreach (var suffix in new[] { "", ".gz" })
                if (File.Exists(Path.Combine(dir, name + suffix))) return Path.Combine(dir, name + suffix);
        throw new FileNotFoundException($"no {stem} idx file in '{dir}' (expected e.g. {stem}-idx3-ubyte[.gz])");
    }

    /// <summary>An idx file: magic (0,0,type,rank), rank big-endian int32 sizes, then the raw bytes.</summary>
    static byte[] ReadIdx(string path, out int[] shape)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08) throw new InvalidDataException($"{path}: not an unsigned-byte idx file");
        shape = new int[header[3]];
        for (var d = 0; d < shape.Length; d++)
        {
            stream.ReadExactly(header);
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(header);
        }
        var data = new byte[shape.Aggregate(1L, (a, b) => a * b)];
        stream.ReadExactly(data);
        return data;
    }
}
