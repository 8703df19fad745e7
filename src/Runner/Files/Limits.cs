using System.Globalization;

namespace Runner.Files;

/// <summary>
/// Upper bounds on every input that sizes an allocation, checked by `validate` (and again where data is
/// read), so a small file can't ask for 16 GB or 1.4 billion class names. Each message states the limit.
/// </summary>
public static class Limits
{
    /// <summary>Values in one sample (height x width x channels): 4096 x 4096.</summary>
    public const long MaxSampleValues = 4096 * 4096;

    /// <summary>Classes of a classification dataset (labels 0 .. MaxClasses - 1).</summary>
    public const int MaxClasses = 10_000;

    /// <summary>Samples a generated (synthetic) dataset may hold, train or test.</summary>
    public const int MaxGeneratedSamples = 1_000_000;

    /// <summary>
    /// Values a generated (synthetic) dataset holds, its prototypes and train and test images together:
    /// 256 million floats, 1 GB (MNIST's 70,000 images are 55 million). The per-parameter ranges alone
    /// allowed a million 4096 x 4096 images, 64 TB, which a results folder's config.yaml could ask `runner
    /// serve` or `runner report` to make.
    /// </summary>
    public const long MaxGeneratedValues = 256L * 1024 * 1024;

    /// <summary>Side of a generated image.</summary>
    public const int MaxImageSide = 4096;

    /// <summary>Torch threads per run.</summary>
    public const int MaxThreads = 256;

    /// <summary>A data file (CSV, or idx once decompressed): Kaggle's MNIST train.csv is 73 MB, MNIST's train images 47 MB.</summary>
    public const long MaxDataFileBytes = 512L * 1024 * 1024;

    /// <summary>
    /// One record of a CSV data file, in characters: a row of a million 3-digit values. The parser holds a
    /// record whole, several times over, so a 100 MB file on one line would otherwise take gigabytes.
    /// </summary>
    public const int MaxCsvRecordChars = 4 * 1024 * 1024;

    /// <summary>
    /// Values `runner predict` reads in one call, all inputs together (idx, csv and images): 16 million, about
    /// 20,000 MNIST-sized images (the MNIST test set is 7.8 million). Each is a float, so the inputs hold at most
    /// 64 MB, whatever a few kilobytes of gzip expand to.
    /// </summary>
    public const long MaxPredictValues = 16_000_000;

    /// <summary>A CSV, JSON or YAML file in a results folder: a 1,000-run runs.csv is about 300 KB.</summary>
    public const long MaxResultsFileBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Errors shown per file; a hostile or generated file can hold hundreds of thousands (a 4 MB file of
    /// duplicate keys), and printing them all helps no one.
    /// </summary>
    public const int MaxErrorsShown = 100;

    /// <summary>The product of <paramref name="dims"/> without overflow, or null over <see cref="MaxSampleValues"/>.</summary>
    public static long? SampleValues(IEnumerable<int> dims)
    {
        long product = 1;
        foreach (var d in dims)
        {
            if (d <= 0) return 0;
            product *= d;
            if (product > MaxSampleValues) return null;
        }
        return product;
    }
}
