using SkiaSharp;

namespace Runner.Tests.Reporting;

/// <summary>Decodes a PNG and checks that a person would see something in it.</summary>
internal static class PngAssert
{
    /// <summary>
    /// The file decodes as an image at least <paramref name="minWidth"/> x <paramref name="minHeight"/>,
    /// and is not blank: its grey levels vary, and a fair share of pixels differ from the background.
    /// </summary>
    public static void Readable(string path, int minWidth = 300, int minHeight = 200)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap is not null, $"{Path.GetFileName(path)} does not decode as an image");
        Assert.True(bitmap.Width >= minWidth && bitmap.Height >= minHeight,
            $"{Path.GetFileName(path)} is {bitmap.Width}x{bitmap.Height}, smaller than {minWidth}x{minHeight}");

        var background = bitmap.GetPixel(0, 0);
        double sum = 0, sumSquares = 0;
        int count = 0, differing = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                var grey = 0.299 * p.Red + 0.587 * p.Green + 0.114 * p.Blue;
                sum += grey; sumSquares += grey * grey; count++;
                if (p != background) differing++;
            }
        var variance = sumSquares / count - sum / count * (sum / count);
        Assert.True(variance > 100, $"{Path.GetFileName(path)} looks blank (grey variance {variance:0.0})");
        Assert.True(differing > count / 50, $"{Path.GetFileName(path)} is almost all background ({differing} of {count} sampled pixels differ)");
    }
}
