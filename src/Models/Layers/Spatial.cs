using Runner.Models.Registries;
using Runner.Models.Specs;

namespace Runner.Models.Layers;

/// <summary>How a window (kernel or pool) moves along one axis: the padding before and after it, and the output size.</summary>
public readonly record struct AxisWindow(int PadBefore, int PadAfter, int Output)
{
    public bool Symmetric => PadBefore == PadAfter;
}

/// <summary>Keras's (TensorFlow's) arithmetic for conv and pooling windows, shared by shape inference and the modules.</summary>
public static class Spatial
{
    /// <summary>
    /// 'same': output ceil(in / stride), total padding max((out - 1) * stride + k - in, 0), the odd pixel
    /// after (bottom/right), as TensorFlow does. 'valid': floor((in - k) / stride) + 1, no padding.
    /// </summary>
    public static AxisWindow Axis(int input, int window, int stride, string padding)
    {
        if (padding == "same")
        {
            int output = (input + stride - 1) / stride;
            int total = Math.Max((output - 1) * stride + window - input, 0);
            return new AxisWindow(total / 2, total - total / 2, output);
        }
        return new AxisWindow(0, 0, input >= window ? (input - window) / stride + 1 : 0);
    }

    /// <summary>Both axes of an image; throws when a 'valid' window does not fit.</summary>
    public static (AxisWindow Height, AxisWindow Width) Windows(string what, Image input, IntPair window, IntPair stride, string padding)
    {
        if (padding != "same" && (window.Height > input.Height || window.Width > input.Width))
            throw new ShapeException(
                $"{what} {window.Height}x{window.Width} is larger than its input {input.Height}x{input.Width}; " +
                "use padding: same, a smaller window, or fewer downsampling layers before it");
        return (Axis(input.Height, window.Height, stride.Height, padding), Axis(input.Width, window.Width, stride.Width, padding));
    }

    /// <summary>The (height, width, channels) of an image input, or an error that says which input would fit.</summary>
    public static Image RequireImage(string layer, Shape input)
    {
        if (input.Rank == 3) return new Image(input[0], input[1], input[2]);
        string hint = input.Rank switch
        {
            1 => $"; put {layer} before flatten, or give model.input as {SuggestImage(input[0])}",
            2 => $"; give model.input as [{input[0]}, {input[1]}, 1]",
            _ => "",
        };
        throw new ShapeException($"{layer} needs an image input (height, width, channels) but gets {input}{hint}");
    }

    /// <summary>784 -> [28, 28, 1], 3072 -> [32, 32, 3]; otherwise the generic form.</summary>
    static string SuggestImage(int features)
    {
        foreach (int channels in new[] { 1, 3 })
        {
            if (features % channels != 0) continue;
            int side = (int)Math.Round(Math.Sqrt(features / channels));
            if (side * side * channels == features) return $"[{side}, {side}, {channels}]";
        }
        return "[height, width, channels]";
    }
}

/// <summary>An image shape the Keras way (channels last).</summary>
public readonly record struct Image(int Height, int Width, int Channels);
