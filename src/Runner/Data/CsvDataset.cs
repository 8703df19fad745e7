using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>
/// The user's own data as CSV, Kaggle MNIST style: a label column and one column per pixel. Relative
/// paths resolve against the experiment file's folder. Without a test file, a seeded shuffle split
/// (seed 0) holds out test_split of the rows as the test set, so the same file always gives the same
/// test set.
/// </summary>
internal sealed class CsvDataset : IDatasetType
{
    const int TestSplitSeed = 0;

    public string Name => "csv";
    public string Description => "your own CSV file(s): a label column plus one column per pixel (Kaggle MNIST layout)";

    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("path", ParameterType.Text, null, "training CSV file, relative to the experiment file"),
        new("test_path", ParameterType.Text, null, "test CSV file with the same columns; without it, test_split of path's rows are the test set") { Optional = true },
        new("test_split", ParameterType.Float, 0.2, "fraction of path's rows held out as the test set when there is no test_path") { Range = new ValueRange(0, 1, MinInclusive: false, MaxInclusive: false) },
        new("label_column", ParameterType.Text, "label", "the label column: its header name, or its 0-based number"),
        new("has_header", ParameterType.Bool, true, "whether the first row names the columns"),
        new("image_shape", ParameterType.IntPair, null, "[height, width] of a sample; default: square when the pixel count is a square, else a flat vector") { Optional = true },
        new("pixel_scale", ParameterType.Float, 255.0, "values are divided by this (255 maps 0..255 to 0..1)") { Range = ValueRange.Positive },
    ];

    public DatasetInfo? Describe(Arguments args) => null;

    public RawDataset Load(Arguments args, DataContext context)
    {
        var trainPath = Resolve(args.Text("path"), context);
        var labelColumn = args.Text("label_column");
        bool hasHeader = args.Bool("has_header");
        var train = CsvSamples.Read(trainPath, labelColumn, hasHeader);
        var testPath = args.TryGetValue("test_path", out var t) ? Resolve((string)t, context) : null;
        var test = testPath is null ? null : CsvSamples.Read(testPath, labelColumn, hasHeader, expectedColumns: train.PixelColumns + 1);

        var sampleShape = SampleShape(args.OptionalPair("image_shape"), train.PixelColumns, trainPath);
        float scale = (float)args.Float("pixel_scale");
        long classes = Math.Max(train.Labels.Max(), test?.Labels.Max() ?? 0) + 1;

        using var scope = NewDisposeScope();
        var (trainX, trainY) = ToTensors(train, sampleShape, scale);
        Tensor testX, testY;
        if (test is not null) (testX, testY) = ToTensors(test, sampleShape, scale);
        else
        {
            var (kept, heldOut) = SeededSplit.Indices(train.Count, args.Float("test_split"), TestSplitSeed);
            (testX, testY) = (trainX.index_select(0, heldOut), trainY.index_select(0, heldOut));
            (trainX, trainY) = (trainX.index_select(0, kept), trainY.index_select(0, kept));
        }
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"csv: {trainX.shape[0]} train / {testX.shape[0]} test samples of {train.PixelColumns} values, {classes} classes, from {trainPath}"));
        return new RawDataset(
            trainX.MoveToOuterDisposeScope(), trainY.MoveToOuterDisposeScope(),
            testX.MoveToOuterDisposeScope(), testY.MoveToOuterDisposeScope(),
            sampleShape, RawDataset.NumberedClasses((int)classes));
    }

    static string Resolve(string path, DataContext context) =>
        Path.GetFullPath(path, Path.GetFullPath(context.ConfigDirectory is { Length: > 0 } folder ? folder : "."));

    static Shape SampleShape(IntPair? given, int pixels, string path)
    {
        if (given is IntPair shape)
            return shape.Height * shape.Width == pixels
                ? new Shape(shape.Height, shape.Width)
                : throw new DataFileException($"{path}: image_shape {shape} needs {shape.Height * shape.Width} pixel columns, the file has {pixels}");
        int side = (int)Math.Round(Math.Sqrt(pixels));
        return side * side == pixels ? new Shape(side, side) : new Shape(pixels);
    }

    static (Tensor X, Tensor Y) ToTensors(CsvSamples samples, Shape shape, float scale)
    {
        var dims = new long[] { samples.Count }.Concat(shape.Dims.Select(d => (long)d)).ToArray();
        return (tensor(samples.Pixels, dims).div_(scale), tensor(samples.Labels));
    }
}
