using SkiaSharp;

namespace Runner.Prediction;

/// <summary>
/// A PNG or JPEG turned into what an MNIST-style model saw in training: grey levels 0..255 (ITU-R 601
/// luma, transparent parts taken as white paper), resized to the model's input, and inverted when it
/// is dark ink on a light background. Decoded with SkiaSharp (which ScottPlot brings).
/// </summary>
public static class ImageFile
{
    /// <summary>Larger images are refused before decoding: 100 megapixels is 400 MB of pixels.</summary>
    const long MaxPixels = 100_000_000;

    /// <summary>True when the file starts like a PNG or a JPEG.</summary>
    public static bool LooksLikeImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);

    /// <summary>The image's grey levels, row-major, <paramref name="height"/> x <paramref name="width"/>; and whether they were inverted.</summary>
    public static (byte[] Pixels, bool Inverted) Read(string path, int height, int width, InvertMode invert)
    {
        using var codec = SKCodec.Create(path, out var result)
            ?? throw new UsageException($"{path}: not a readable PNG or JPEG image ({result})");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w <= 0 || h <= 0 || (long)w * h > MaxPixels)
            throw new UsageException($"{path}: an image of {w}x{h} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted");
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var status = codec.GetPixels(info, decoded.GetPixels());
        if (status is not SKCodecResult.Success)
            throw new UsageException($"{path}: the image data is corrupt or truncated ({status})");
        using var sized = w == width && h == height ? null : decoded.Resize(info.WithSize(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new UsageException($"{path}: could not be resized to {width}x{height}");
        var grey = Grey(sized ?? decoded);
        bool inverted = invert == InvertMode.Yes || (invert == InvertMode.Auto && HasLightBorder(grey, height, width));
        if (inverted)
            for (int i = 0; i < grey.Length; i++) grey[i] = (byte)(255 - grey[i]);
        return (grey, inverted);
    }

    /// <summary>Premultiplied RGBA over white paper, to luma: Y(rgb) + (255 - alpha) since the luma weights sum to 1.</summary>
    static byte[] Grey(SKBitmap bitmap)
    {
        var rgba = bitmap.GetPixelSpan();
        var grey = new byte[bitmap.Width * bitmap.Height];
        for (int i = 0; i < grey.Length; i++)
        {
            var (r, g, b, a) = (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]);
            grey[i] = (byte)Math.Clamp(Math.Round(0.299 * r + 0.587 * g + 0.114 * b + (255 - a)), 0, 255);
        }
        return grey;
    }

    /// <summary>
    /// MNIST-style images are light on a dark background, so their outermost ring of pixels is dark.
    /// A median above mid-grey there means dark ink on light paper.
    /// </summary>
    public static bool HasLightBorder(byte[] grey, int height, int width)
    {
        var ring = new List<byte>(2 * (height + width));
        for (int x = 0; x < width; x++) { ring.Add(grey[x]); ring.Add(grey[(height - 1) * width + x]); }
        for (int y = 1; y < height - 1; y++) { ring.Add(grey[y * width]); ring.Add(grey[y * width + width - 1]); }
        ring.Sort();
        return ring[ring.Count / 2] > 127;
    }
}
