using Runner.Text;
using System.Diagnostics;
using System.Globalization;
using Runner.Models.Registries;
using Runner.Models.Specs;
using static TorchSharp.torch;

namespace Runner.Data;

/// <summary>An MNIST-format dataset (mnist, fashion_mnist): verified idx files turned into tensors.</summary>
internal sealed class IdxDataset(
    string name, string description, IdxDatasetFiles files,
    Func<DataLocations, IReadOnlyList<IIdxSource>> sources, DataLocations locations) : IDatasetType
{
    public string Name => name;
    public string Description => description;
    public IReadOnlyList<ParameterInfo> Parameters => [];

    /// <summary>Both MNIST-format datasets are 60,000 28x28 training images in 10 classes; the checksums guarantee it.</summary>
    public DatasetInfo Describe(Arguments args) => new(new Shape(28, 28), files.ClassNames.Count, TrainSamples: 60_000);

    public IReadOnlyList<string> ClassNames(Arguments args) => files.ClassNames;

    public RawDataset Load(Arguments args, DataContext context)
    {
        var clock = Stopwatch.StartNew();
        var cacheFolder = locations.CacheFolder(files.Name);
        TimeTrace.Mark($"{name}: loading");
        var content = DatasetFiles.Load(files, cacheFolder, sources(locations), context);
        TimeTrace.Mark($"{name}: files read and verified");

        using var scope = NewDisposeScope();
        var trainImages = Images(content, IdxPart.TrainImages, cacheFolder);
        var trainLabels = Labels(content, IdxPart.TrainLabels, cacheFolder, trainImages);
        var testImages = Images(content, IdxPart.TestImages, cacheFolder);
        var testLabels = Labels(content, IdxPart.TestLabels, cacheFolder, testImages);

        TimeTrace.Mark($"{name}: decoded");
        var sampleShape = new Shape((int)trainImages.shape[1], (int)trainImages.shape[2]);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {trainImages.shape[0]} train / {testImages.shape[0]} test images of {sampleShape.Dims[0]}x{sampleShape.Dims[1]} ready in {clock.Elapsed.TotalSeconds:0.0} s"));
        return new RawDataset(
            trainImages.MoveToOuterDisposeScope(), trainLabels.MoveToOuterDisposeScope(),
            testImages.MoveToOuterDisposeScope(), testLabels.MoveToOuterDisposeScope(),
            sampleShape, files.ClassNames);
    }

    Tensor Images(IReadOnlyDictionary<IdxPart, byte[]> content, IdxPart part, string folder) =>
        IdxFile.Images(content[part], Path.Combine(folder, files[part].FileName));

    Tensor Labels(IReadOnlyDictionary<IdxPart, byte[]> content, IdxPart part, string folder, Tensor images)
    {
        var source = Path.Combine(folder, files[part].FileName);
        var labels = IdxFile.Labels(content[part], source);
        if (labels.shape[0] != images.shape[0])
            throw new DataFileException($"{source}: {labels.shape[0]} labels for {images.shape[0]} images");
        return labels;
    }
}
