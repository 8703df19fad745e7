using System.Globalization;
using Runner.Data;
using Runner.Files;
using Runner.Text;
using static TorchSharp.torch;

namespace Runner.Prediction;

/// <summary>
/// Input samples prepared as training prepared its data: [N, elements] float32, each value a pixel
/// divided by the layout's pixel scale. <see cref="Names"/> says where each row came from (a file, or
/// file[row] for idx and csv files); <see cref="Labels"/> holds the true class where the input had one.
/// </summary>
public sealed record InputBatch(Tensor X, IReadOnlyList<string> Names, IReadOnlyList<long?> Labels, IReadOnlyList<bool> Inverted) : IDisposable
{
    /// <summary>
    /// Every file in order, each recognised by its content: PNG or JPEG images, idx image files (raw
    /// or gzipped), csv files (by their .csv extension) in the csv dataset's layout. Everything is read
    /// and checked before anything is predicted; the first bad file throws <see cref="UsageException"/>.
    /// </summary>
    public static InputBatch Read(IReadOnlyList<string> files, SampleLayout layout, CsvLayout csv, InvertMode invert)
    {
        // Every input adds to one budget, checked before its values are read (a gzip's are bounded as they expand).
        long remaining = Limits.MaxPredictValues;
        var budget = $"the limit of {Numbers.Count(Limits.MaxPredictValues)} values for the inputs of one predict call " +
                     $"(about {Numbers.Count(Limits.MaxPredictValues / layout.Elements)} samples of this model's input); give fewer at a time";
        var pixels = new List<float>();
        var names = new List<string>();
        var labels = new List<long?>();
        var inverted = new List<bool>();
        foreach (var file in files)
        {
            switch (FileKind.OfTarget(file))
            {
                case FileType.Missing: throw new UsageException($"{file}: no such file");
                case not FileType.Regular: throw new UsageException($"{file}: not a regular file (a folder, FIFO or device); give an image, idx or csv file");
            }
            var head = Head(file);
            if (ImageFile.LooksLikeImage(head)) ReadImage(file);
            else if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B || head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0, 0, 8, 3])) ReadIdx(file);
            else if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ReadCsv(file);
            else throw new UsageException($"{file}: not a PNG or JPEG image, an idx images file or a .csv file");
        }
        var x = tensor(pixels.ToArray(), [names.Count, layout.Elements]);
        return new InputBatch(x, names, labels, inverted);

        void ReadImage(string file)
        {
            if (!layout.IsImage || layout.Channels != 1)
                throw new UsageException($"{file}: this model takes {layout.Describe()}, not a grey image; give idx or csv rows instead");
            Spend(file, layout.Elements);
            var (grey, wasInverted) = ImageFile.Read(file, layout.Height, layout.Width, invert);
            pixels.AddRange(grey.Select(p => (float)(p / layout.PixelScale)));
            names.Add(file); labels.Add(null); inverted.Add(wasInverted);
        }

        void ReadIdx(string file)
        {
            byte[] content;
            // An images file's header is 16 bytes, then one byte per value.
            try { content = IdxFile.ReadContent(file, 16 + remaining, budget); }
            catch (DataFileException e) { throw new UsageException(e.Message); }
            long[] dims;
            try { dims = IdxFile.ReadDimensions(content, IdxFile.ImagesMagic, "images", file); }
            catch (DataFileException e) { throw new UsageException(e.Message); }
            long size = dims[1] * dims[2];
            if (!layout.IsImage || dims[1] != layout.Height || dims[2] != layout.Width || layout.Channels != 1)
                throw new UsageException($"{file}: idx images of {dims[1]}x{dims[2]}, but this model takes {layout.Describe()}");
            Spend(file, dims[0] * size);
            bool flip = invert == InvertMode.Yes;
            for (long i = 0; i < dims[0]; i++)
            {
                var image = content.AsSpan((int)(16 + i * size), (int)size);
                foreach (var p in image) pixels.Add((float)((flip ? 255 - p : p) / layout.PixelScale));
                names.Add(Row(file, i)); labels.Add(null); inverted.Add(flip);
            }
        }

        void ReadCsv(string file)
        {
            CsvSamples samples;
            try { samples = CsvSamples.Read(file, csv.LabelColumn, csv.HasHeader, maxValues: remaining); }
            catch (DataFileException e) { throw new UsageException(e.Message); }
            Spend(file, samples.Pixels.LongLength);
            if (samples.PixelColumns != layout.Elements)
                throw new UsageException($"{file}: {samples.PixelColumns} pixel columns, but this model takes {layout.Describe()} ({layout.Elements} values)");
            bool flip = invert == InvertMode.Yes;
            pixels.AddRange(samples.Pixels.Select(p => (float)((flip ? layout.PixelScale - p : p) / layout.PixelScale)));
            for (int i = 0; i < samples.Count; i++) { names.Add(Row(file, i)); labels.Add(samples.Labels[i]); inverted.Add(flip); }
        }

        void Spend(string file, long values)
        {
            if (values > remaining) throw new UsageException($"{file}: the inputs add up to more than {budget}");
            remaining -= values;
        }
    }

    static string Row(string file, long index) => string.Create(CultureInfo.InvariantCulture, $"{file}[{index}]");

    static byte[] Head(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[8];
        return head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    public void Dispose() => X.Dispose();
}

/// <summary>How csv inputs are read: the csv dataset's label_column and has_header (its defaults for other datasets).</summary>
public sealed record CsvLayout(string LabelColumn, bool HasHeader)
{
    public static CsvLayout Of(Runner.Models.Specs.ComponentSpec dataset) =>
        dataset.Name.Equals("csv", StringComparison.OrdinalIgnoreCase)
            ? new(dataset.Arguments.Text("label_column"), dataset.Arguments.Bool("has_header"))
            : new("label", true);
}
