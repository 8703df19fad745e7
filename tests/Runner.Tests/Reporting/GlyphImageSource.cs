using global::Runner.Reporting.Charts;
using SkiaSharp;

namespace Runner.Tests.Reporting;

/// <summary>
/// A tiny stand-in dataset for the image grids: 28x28 grey images of the digit of their class, drawn
/// with SkiaSharp, labels cycling 0..9, Fashion-MNIST class names. Deterministic.
/// </summary>
internal sealed class GlyphImageSource : IDatasetImageSource
{
    public static readonly string[] FashionNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    public List<string> Requested { get; } = [];

    public DatasetImages? Load(global::Runner.Models.Specs.ComponentSpec dataset, string configDirectory, Action<string> log)
    {
        Requested.Add(dataset.Name);
        var test = Enumerable.Range(0, 400).Select(i => Glyph(i % 10)).ToArray();
        var train = Enumerable.Range(0, 30).Select(i => Glyph((i * 3) % 10)).ToArray();
        return new DatasetImages(FashionNames, test, train);
    }

    static SampleImage Glyph(int label)
    {
        using var bitmap = new SKBitmap(28, 28, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var font = new SKFont(SKTypeface.Default, 24);
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText(label.ToString(System.Globalization.CultureInfo.InvariantCulture), 14, 23, SKTextAlign.Center, font, paint);
        }
        return new SampleImage(28, 28, 1, bitmap.Bytes.ToArray(), label);
    }
}
