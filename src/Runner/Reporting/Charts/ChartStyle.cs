using Runner.Reporting.Statistics;
using ScottPlot;
using SkiaSharp;

namespace Runner.Reporting.Charts;

/// <summary>
/// The look shared by every chart: a sans font, sizes, and one colour per configuration, chosen by
/// the configuration's index so that it is the same in every chart of a report.
/// </summary>
internal static class ChartStyle
{
    public const int Width = 1100;
    public const int Height = 650;
    public const float TitleSize = 20;
    public const float LabelSize = 16;
    public const float TickSize = 13;
    public const float AnnotationSize = 13;

    /// <summary>Neutral colour for things that are not a configuration (marginal effects, reference lines).</summary>
    public static readonly Color Neutral = Color.FromHex("#4C72B0");
    public static readonly Color Muted = Color.FromHex("#555555");

    static readonly Color[] Ten = new ScottPlot.Palettes.Category10().Colors;
    static readonly Color[] Twenty = new ScottPlot.Palettes.Category20().Colors;

    /// <summary>The font: the first sans family installed, since ScottPlot's default here is a serif.</summary>
    public static readonly string FontName = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans" }
        .FirstOrDefault(f => SKFontManager.Default.GetFontFamilies().Contains(f)) ?? Fonts.Default;

    /// <summary>
    /// Colour of configuration <paramref name="index"/>: Category10 up to ten configurations (the most
    /// distinguishable set), then Category20, then the cycle repeats.
    /// </summary>
    public static Color ConfigurationColor(int index, int count) =>
        count <= Ten.Length ? Ten[index % Ten.Length] : Twenty[index % Twenty.Length];

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        return plot;
    }

    /// <summary>A label with its unit, for axes: accuracy is a fraction, loss a mean over samples.</summary>
    public static string WithUnit(string metric)
    {
        var name = Runner.Results.RecordedMetrics.Bare(metric);
        if (name != "loss" && Runner.Results.RecordedMetrics.Declared(name)?.Range == Runner.Models.Registries.ValueRange.Unit)
            return $"{metric} (fraction)";
        return name switch
        {
            "loss" => $"{metric} (mean per sample)",
            "seconds" or "train_seconds" => $"{metric} (s)",
            Runner.Results.RunsColumns.MemoryMb => $"{metric} (MiB, estimated)",
            _ => metric,
        };
    }

    /// <summary>Integer-only ticks, for epochs.</summary>
    public static void IntegerTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

    /// <summary>Text colour that stays readable on a cell of the given colour.</summary>
    public static Color TextOn(Color background) =>
        0.299 * background.R + 0.587 * background.G + 0.114 * background.B > 140 ? Colors.Black : Colors.White;

    /// <summary>A name safe for file names: <c>train.batch_size</c> -> <c>train_batch_size</c>.</summary>
    public static string FileSafe(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    /// <summary>
    /// A legend of explicit entries to the right of the data area, so it never hides a curve or bar.
    /// </summary>
    public static void LegendOutside(Plot plot, IEnumerable<LegendItem> items)
    {
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.FontSize = TickSize;
        plot.Legend.SymbolWidth = 34;   // long enough to show a dash pattern
        plot.ShowLegend(Edge.Right);
    }

    /// <summary>
    /// The whisker of a summary: its 95% CI (clipped to the metric's range), or its min-max when there are
    /// too few seeds for an interval, or nothing for a single run.
    /// </summary>
    public static (double Low, double High) Whisker(SampleSummary s) =>
        s.HasInterval ? (s.CiLow, s.CiHigh) : s.Count > 1 ? (s.Min, s.Max) : (s.Mean, s.Mean);

    /// <summary>
    /// Means as points with whiskers. Not bars: the values of a sweep are often close, and a bar whose
    /// axis does not start at zero exaggerates differences by its length.
    /// </summary>
    public static void PointsWithWhiskers(Plot plot, double[] xs, IReadOnlyList<SampleSummary> summaries, IReadOnlyList<Color> colors)
    {
        var ys = summaries.Select(s => s.Mean).ToArray();
        var whiskers = summaries.Select(Whisker).ToArray();
        var errors = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null,
            whiskers.Select((w, i) => ys[i] - w.Low).ToArray(), whiskers.Select((w, i) => w.High - ys[i]).ToArray())
        {
            Color = Colors.Black,
            LineWidth = 1.5f,
            CapSize = 10,
        };
        plot.Add.Plottable(errors);
        for (int i = 0; i < xs.Length; i++)
        {
            var point = plot.Add.Marker(xs[i], ys[i], MarkerShape.FilledCircle, 12, colors[i]);
            point.MarkerLineColor = Colors.Black;
            point.MarkerLineWidth = 1;
        }
    }

    /// <summary>
    /// What the whiskers of <see cref="Whisker"/> are over these summaries, for titles and captions:
    /// "95% CI", "min-max, 2 seeds", "95% CI; min-max under 3 seeds", or "single runs" when there are none.
    /// </summary>
    /// <param name="unit">What a summary's values are: "seeds", or "runs" when other axes are pooled.</param>
    public static string BandName(IEnumerable<SampleSummary> summaries, string unit)
    {
        var withValues = summaries.Where(s => s.Count > 0).ToArray();
        if (withValues.All(s => s.Count <= 1)) return $"single runs, no whiskers";
        if (withValues.All(s => s.HasInterval)) return "95% CI";
        var minMax = withValues.Where(s => s.Count > 1 && !s.HasInterval).Select(s => s.Count).Distinct().Order().ToArray();
        var counts = minMax.Length == 1 ? $"{minMax[0]}" : $"{minMax[0]}-{minMax[^1]}";
        return withValues.Any(s => s.HasInterval)
            ? $"95% CI; min-max under {SampleSummary.MinSeedsForInterval} {unit}"
            : $"min-max, {counts} {unit}";
    }

    /// <summary>
    /// Keeps the first and last category and their labels inside the data area: half a slot of room on
    /// each side, where ScottPlot would put the outer points on the frame.
    /// </summary>
    public static void CategoryLimits(Plot plot, double first, double last) => plot.Axes.SetLimitsX(first - 0.6, last + 0.6);

    public static void Save(Plot plot, string path, int width = Width, int height = Height) =>
        plot.SavePng(path, width, height);
}
