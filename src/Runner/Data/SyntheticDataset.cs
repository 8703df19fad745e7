using Runner.Models.Optimizers;
using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;
using Runner.Files;

namespace Runner.Data;

/// <summary>
/// A tiny, made-up, learnable dataset for tests and quick starts: each class has a random black and
/// white prototype image, and a sample is its class's prototype plus Gaussian noise, clipped to 0..1.
/// Everything is drawn from one generator seeded with `seed`, so the same parameters always give the
/// same tensors, and a small MLP separates the classes within an epoch or two.
/// </summary>
internal sealed class SyntheticDataset : IDatasetType
{
    public string Name => "synthetic";
    public string Description => "made-up images: a random prototype per class plus noise (tests, quick starts)";

    public IReadOnlyList<ParameterInfo> Parameters { get; } =
    [
        new("train_samples", ParameterType.Int, 2000, "training samples") { Range = new ValueRange(1, Limits.MaxGeneratedSamples) },
        new("test_samples", ParameterType.Int, 500, "test samples") { Range = new ValueRange(1, Limits.MaxGeneratedSamples) },
        new("classes", ParameterType.Int, 10, "number of classes") { Range = new ValueRange(2, Limits.MaxClasses) },
        new("image_size", ParameterType.IntPair, new IntPair(28, 28), "height and width of an image: 28 or [8, 8]") { Range = new ValueRange(1, Limits.MaxImageSide) },
        new("noise", ParameterType.Float, 2.0, "standard deviation of the per-pixel noise before clipping; larger is harder, and so are smaller images") { Range = ValueRange.NonNegative },
        new("seed", ParameterType.Int, 0, "seed of the generator that draws prototypes, labels and noise"),
    ];

    public DatasetInfo Describe(Arguments args)
    {
        var size = args.Pair("image_size");
        return new DatasetInfo(new Shape(size.Height, size.Width), args.Int("classes"), args.Int("train_samples"));
    }

    public IEnumerable<DataProblem> Check(Arguments args, DataCheck check) =>
        SizeProblem(args) is { } problem ? [new DataProblem("train_samples", problem)] : [];

    /// <summary>Why these parameters ask for more than <see cref="Limits.MaxGeneratedValues"/> values, or null.</summary>
    static string? SizeProblem(Arguments args)
    {
        var size = args.Pair("image_size");
        long images = (long)args.Int("train_samples") + args.Int("test_samples") + args.Int("classes");
        long values = images * size.Height * size.Width;   // at most 2,010,000 x 4096 x 4096: no overflow
        return values <= Limits.MaxGeneratedValues ? null : string.Create(CultureInfo.InvariantCulture,
            $"{args.Int("train_samples"):N0} training, {args.Int("test_samples"):N0} test and {args.Int("classes"):N0} prototype images of {size.Height}x{size.Width} are {values:N0} values, over the limit of {Limits.MaxGeneratedValues:N0} (1 GB); use fewer samples or smaller images");
    }

    public RawDataset Load(Arguments args, DataContext context)
    {
        if (SizeProblem(args) is { } tooLarge) throw new DataFileException($"synthetic: {tooLarge}");
        int classes = args.Int("classes");
        var size = args.Pair("image_size");
        double noise = args.Float("noise");
        using var generator = new Generator(unchecked((ulong)args.Int("seed")));
        using var scope = NewDisposeScope();
        using var s = new KeptScalars();

        var prototypes = rand(new long[] { classes, size.Height, size.Width }, generator: generator).gt(s[0.5]).to_type(ScalarType.Float32);
        var (trainX, trainY) = Samples(args.Int("train_samples"), prototypes, noise, generator);
        var (testX, testY) = Samples(args.Int("test_samples"), prototypes, noise, generator);

        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"synthetic: {trainX.shape[0]} train / {testX.shape[0]} test images of {size.Height}x{size.Width}, {classes} classes"));
        return new RawDataset(
            trainX.MoveToOuterDisposeScope(), trainY.MoveToOuterDisposeScope(),
            testX.MoveToOuterDisposeScope(), testY.MoveToOuterDisposeScope(),
            new Shape(size.Height, size.Width),
            RawDataset.NumberedClasses(classes));
    }

    static (Tensor Images, Tensor Labels) Samples(int count, Tensor prototypes, double noise, Generator generator)
    {
        var labels = randint(prototypes.shape[0], new long[] { count }, generator: generator);
        var clean = prototypes.index_select(0, labels);
        using var s = new KeptScalars();   // another run may be training meanwhile
        var images = clean.add(randn(clean.shape, generator: generator).mul_(s[noise]), s[1]).clamp_(s[0], s[1]);
        return (images, labels);
    }
}
