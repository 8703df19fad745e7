using Runner.Data;
using Runner.Models.Specs;

namespace Runner.Prediction;

/// <summary>
/// What one input sample must look like, as training saw it: an image of Height x Width x Channels
/// pixel values (channels last, as the datasets hand them over), each divided by <see cref="PixelScale"/>.
/// Height is 0 for a model whose input is not an image (a vector of features that is no square).
/// </summary>
public sealed record SampleLayout(int Height, int Width, int Channels, double PixelScale, long Elements)
{
    public bool IsImage => Height > 0;
    public string Describe() => IsImage ? $"{Height}x{Width}" + (Channels > 1 ? $"x{Channels}" : "") : $"{Elements} values";

    /// <summary>
    /// From model.input: [H, W, C] and [H, W] are images; a flat [N] takes the dataset's sample shape
    /// when that is an image of N pixels, else a square if N is one. Pixel values are divided by 255
    /// as the idx datasets do, or by the csv dataset's pixel_scale.
    /// </summary>
    public static SampleLayout Of(Shape input, ComponentSpec dataset, DatasetInfo? info)
    {
        double scale = dataset.Name.Equals("csv", StringComparison.OrdinalIgnoreCase) && dataset.Arguments.ContainsKey("pixel_scale")
            ? dataset.Arguments.Float("pixel_scale") : 255.0;
        return input.Rank switch
        {
            3 => new(input[0], input[1], input[2], scale, input.Elements),
            2 => new(input[0], input[1], 1, scale, input.Elements),
            _ when info?.SampleShape is { Rank: 2 } sample && sample.Elements == input.Elements => new(sample[0], sample[1], 1, scale, input.Elements),
            _ when input.Rank == 1 && Math.Sqrt(input[0]) is var side && side == Math.Floor(side) => new((int)side, (int)side, 1, scale, input.Elements),
            _ => new(0, 0, 1, scale, input.Elements),
        };
    }
}
