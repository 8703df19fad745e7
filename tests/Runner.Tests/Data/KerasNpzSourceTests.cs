using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Runner.Data;

namespace Runner.Tests.Data;

/// <summary>Keras keeps MNIST as mnist.npz; its arrays must verify against the idx checksums.</summary>
public sealed class KerasNpzSourceTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly TinyIdxDataset _tiny = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_arrays_of_a_keras_npz_verify_against_the_idx_checksums()
    {
        var npz = _temp["keras/mnist.npz"];
        WriteNpz(npz, ("x_train", IdxPart.TrainImages), ("y_train", IdxPart.TrainLabels), ("x_test", IdxPart.TestImages), ("y_test", IdxPart.TestLabels));
        var log = new List<string>();

        var content = DatasetFiles.Load(_tiny.Files, _temp["cache"], [new KerasNpzSource(npz)], new DataContext(_temp.Path, log.Add));

        Assert.Equal(_tiny.Content, content);
        Assert.Contains(log, l => l.Contains($"took 4 verified file(s) from Keras's copy {npz}"));
    }

    [Fact]
    public void An_npz_of_another_element_type_is_reported_as_unreadable()
    {
        var npz = _temp["keras/mnist.npz"];
        Directory.CreateDirectory(_temp["keras"]);
        using (var zip = ZipFile.Open(npz, ZipArchiveMode.Create))
        using (var stream = zip.CreateEntry("x_train.npy").Open())
            stream.Write(Npy("<f4", [1], new byte[4]));

        var e = Assert.Throws<SourceFailedException>(() => new KerasNpzSource(npz).Provide(_temp["scratch"], default));

        Assert.Equal($"unreadable: {npz}:x_train.npy: element type <f4, expected uint8", e.Message);
    }

    void WriteNpz(string path, params (string Array, IdxPart Part)[] arrays)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (array, part) in arrays)
        {
            var idx = _tiny.Content[part];
            int rank = idx[3];
            var shape = Enumerable.Range(0, rank).Select(d => (long)BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(4 + 4 * d))).ToArray();
            using var stream = zip.CreateEntry(array + ".npy").Open();
            stream.Write(Npy("|u1", shape, idx[(4 + 4 * rank)..]));
        }
    }

    /// <summary>A version 1.0 .npy file as numpy writes it: header padded with spaces to a multiple of 64.</summary>
    static byte[] Npy(string descr, long[] shape, byte[] data)
    {
        var dims = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {dims}, }}";
        header = header.PadRight(64 * ((10 + header.Length + 1 + 63) / 64) - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.AddRange([1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8)]);
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
