using SkiaSharp;

namespace Runner.Reporting.Charts;

/// <summary>
/// A grid of small images, each upscaled without smoothing and titled underneath its own cell (one
/// or two lines), drawn with SkiaSharp directly: ScottPlot's axes have nothing to add here.
/// </summary>
internal sealed class ImageGridChart(string fileName, string title, string caption, IReadOnlyList<(SampleImage Image, string Title)> cells) : IChart
{
    const int Columns = 6;
    const int Cell = 140;          // image edge in pixels
    const int Gap = 14;
    const int TitleLines = 2;
    const float TitleSize = 22, CellTextSize = 15;

    public string FileName => fileName;
    public string Caption => caption;

    public void Save(string path)
    {
        if (cells.Count == 0) throw new InvalidOperationException("no images to draw");
        using var typeface = SKTypeface.FromFamilyName(ChartStyle.FontName);
        using var titleFont = new SKFont(typeface, TitleSize) { Embolden = true };
        using var cellFont = new SKFont(typeface, CellTextSize);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        // Columns are as wide as the widest caption line, so captions never run into their neighbours.
        var captions = cells.Select(c => Wrap(c.Title, cellFont, Cell)).ToArray();
        var columnWidth = Math.Max(Cell, captions.SelectMany(l => l).Max(l => cellFont.MeasureText(l))) + Gap;
        var columns = Math.Min(Columns, cells.Count);
        var rows = (cells.Count + columns - 1) / columns;
        var lineHeight = CellTextSize * 1.3f;
        var cellHeight = Cell + TitleLines * lineHeight + 2 * Gap;
        var header = TitleSize * 2.4f;
        var width = (int)Math.Max(Gap + columns * columnWidth, titleFont.MeasureText(title) + 2 * Gap);
        var height = (int)(header + rows * cellHeight + Gap);
        var left = (width - columns * columnWidth) / 2;

        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.DrawText(title, width / 2f, TitleSize * 1.5f, SKTextAlign.Center, titleFont, ink);
        for (var i = 0; i < cells.Count; i++)
        {
            float centre = left + (i % columns + 0.5f) * columnWidth, top = header + i / columns * cellHeight;
            using var bitmap = ToBitmap(cells[i].Image);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, new SKRect(centre - Cell / 2f, top, centre + Cell / 2f, top + Cell), new SKSamplingOptions(SKFilterMode.Nearest));
            for (var l = 0; l < Math.Min(captions[i].Count, TitleLines); l++)
                canvas.DrawText(captions[i][l], centre, top + Cell + lineHeight * (l + 1), SKTextAlign.Center, cellFont, ink);
        }
        using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    /// <summary>One line when it fits, else split after the comma ("label: Sneaker," / "predicted: Sandal").</summary>
    static List<string> Wrap(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width) return [text];
        var comma = text.IndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? [text] : [text[..(comma + 1)], text[(comma + 2)..]];
    }

    static SKBitmap ToBitmap(SampleImage image)
    {
        var bitmap = new SKBitmap(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var at = (y * image.Width + x) * image.Channels;
                bitmap.SetPixel(x, y, image.Channels >= 3
                    ? new SKColor(image.Pixels[at], image.Pixels[at + 1], image.Pixels[at + 2])
                    // Dark ink on white, the way digits are printed, reads better than white on black.
                    : new SKColor((byte)(255 - image.Pixels[at]), (byte)(255 - image.Pixels[at]), (byte)(255 - image.Pixels[at])));
            }
        return bitmap;
    }
}
