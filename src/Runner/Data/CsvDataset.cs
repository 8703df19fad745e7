using Runner.Models.Optimizers;
using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;
using Runner.Files;

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
        new("image_shape", ParameterType.IntPair, null, "[height, width] of a sample; default: square when the pixel count is a square, else a flat vector") { Optional = true, Range = new ValueRange(1, Limits.MaxImageSide) },
        new("pixel_scale", ParameterType.Float, 255.0, "values are divided by this (255 maps 0..255 to 0..1)") { Range = ValueRange.Positive },
    ];

    public DatasetInfo? Describe(Arguments args) => null;

    /// <summary>The files exist and parse, the label column is there, the shape fits and the splits leave data.</summary>
    public IEnumerable<DataProblem> Check(Arguments args, DataCheck check)
    {
        var labelColumn = args.Text("label_column");
        bool hasHeader = args.Bool("has_header");
        var train = Peek("path", Resolve(args.Text("path"), check.ConfigDirectory), labelColumn, hasHeader, out var problem);
        if (train is null) return [problem!];
        var problems = new List<DataProblem>();
        if (args.TryGetValue("test_path", out var t))
        {
            var test = Peek("test_path", Resolve((string)t, check.ConfigDirectory), labelColumn, hasHeader, out problem);
            if (test is null) problems.Add(problem!);
            else if (test.Value.Columns != train.Value.Columns)
                problems.Add(new("test_path", $"the test file has {test.Value.Columns} columns, the training file {train.Value.Columns}"));
        }
        long pixels = train.Value.Columns - 1;
        if (args.OptionalPair("image_shape") is IntPair shape && (long)shape.Height * shape.Width != pixels)
            problems.Add(new("image_shape", $"{shape} needs {(long)shape.Height * shape.Width} pixel columns, the file has {pixels}; give a shape of {pixels} values"));
        long trainRows = train.Value.Rows;
        if (!args.TryGetValue("test_path", out _))
        {
            long heldOut = SeededSplit.HeldOutCount(trainRows, args.Float("test_split"));
            if (heldOut < 1 || trainRows - heldOut < 1)
                problems.Add(new("test_split", $"{args.Float("test_split")} of the file's {trainRows} rows leaves no test or no training rows; add rows or give test_path"));
            trainRows -= heldOut;
        }
        if (trainRows >= 1 && DataSplit.Problem(trainRows, check.ValidationSplit) is { } split) problems.Add(new("validation_split", split));
        return problems;
    }

    static (int Columns, int LabelIndex, long Rows)? Peek(string parameter, string path, string labelColumn, bool hasHeader, out DataProblem? problem)
    {
        try
        {
            problem = null;
            return CsvSamples.Peek(path, labelColumn, hasHeader);
        }
        catch (DataFileException e)
        {
            problem = new(e.Message.Contains("label_column", StringComparison.Ordinal) ? "label_column" : parameter, e.Message);
            return null;
        }
    }

    public RawDataset Load(Arguments args, DataContext context)
    {
        var trainPath = Resolve(args.Text("path"), context.ConfigDirectory);
        var labelColumn = args.Text("label_column");
        bool hasHeader = args.Bool("has_header");
        var train = CsvSamples.Read(trainPath, labelColumn, hasHeader);
        var testPath = args.TryGetValue("test_path", out var t) ? Resolve((string)t, context.ConfigDirectory) : null;
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

    static string Resolve(string path, string configDirectory) =>
        Path.GetFullPath(path, Path.GetFullPath(configDirectory is { Length: > 0 } folder ? folder : "."));

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
        using var s = new KeptScalars();   // another run may be training meanwhile
        return (tensor(samples.Pixels, dims).div_(s[scale]), tensor(samples.Labels));
    }
}
