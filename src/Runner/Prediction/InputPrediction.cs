namespace Runner.Prediction;

/// <summary>A class with its index, its name (the dataset's, e.g. "Ankle boot"; else the number) and its probability.</summary>
public sealed record ClassScore(int Class, string Name, double Probability);

/// <summary>
/// What the model says about one input: its best classes, most likely first. <see cref="Input"/> names
/// it (a file, or file[row] for idx and csv files); <see cref="Label"/> is the true class when the input
/// carried one; <see cref="Inverted"/> says whether the image was inverted to white on black first.
/// </summary>
public sealed record InputPrediction(string Input, IReadOnlyList<ClassScore> Top, long? Label = null, bool Inverted = false)
{
    public ClassScore Best => Top[0];
}

/// <summary>How <c>--invert</c> treats images: MNIST-style data is light ink on a dark background.</summary>
public enum InvertMode
{
    /// <summary>Invert an image whose border is mostly light (dark ink on white paper); idx and csv inputs never.</summary>
    Auto,
    Yes,
    No,
}
