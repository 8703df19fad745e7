namespace Runner.Data;

/// <summary>Which of the four files of an MNIST-format dataset.</summary>
public enum IdxPart { TrainImages, TrainLabels, TestImages, TestLabels }

/// <summary>One idx file: its canonical name (without .gz) and the SHA-256 of its decompressed content.</summary>
public sealed record IdxFileSpec(IdxPart Part, string FileName, string Sha256)
{
    public bool IsImages => Part is IdxPart.TrainImages or IdxPart.TestImages;
}

/// <summary>
/// An MNIST-format dataset as files: the cache subfolder it lives in, its four files with their
/// checksums (SHA-256 of the decompressed official files), and its class names.
/// </summary>
public sealed record IdxDatasetFiles(string Name, IReadOnlyList<IdxFileSpec> Files, IReadOnlyList<string> ClassNames)
{
    public IdxFileSpec this[IdxPart part] => Files.Single(f => f.Part == part);

    public static IdxDatasetFiles Mnist { get; } = new("mnist",
    [
        new(IdxPart.TrainImages, "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new(IdxPart.TrainLabels, "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new(IdxPart.TestImages, "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new(IdxPart.TestLabels, "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ], ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

    public static IdxDatasetFiles FashionMnist { get; } = new("fashion_mnist",
    [
        new(IdxPart.TrainImages, "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new(IdxPart.TrainLabels, "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new(IdxPart.TestImages, "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new(IdxPart.TestLabels, "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    ], ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]);
}
