using System.Globalization;
using Runner.Models.Shapes;
using static Runner.Models.Tests.TestSpecs;

namespace Runner.Models.Tests.Shapes;

public class ModelSummaryTests
{
    [Fact]
    public void Mlp_summary_reads_like_Keras()
    {
        var text = ModelSummary.Render(ShapeInference.Infer(Mlp(100), Registered));
        var expected = string.Join('\n',
            "Model: \"sequential\"",
            new string('_', 63),
            " Layer (type)                 Output Shape              Param #",
            new string('=', 63),
            " flatten (Flatten)            (None, 784)                     0",
            " dense (Dense)                (None, 100)                78,500",
            " dense_1 (Dense)              (None, 10)                  1,010",
            new string('=', 63),
            "Total params: 79,510 (310.59 KB)",
            "Trainable params: 79,510 (310.59 KB)",
            "Non-trainable params: 0 (0.00 B)",
            new string('_', 63)) + "\n";
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(1000, "Total params: 795,010 (3.03 MB)")]
    [InlineData(100, "Total params: 79,510 (310.59 KB)")]
    public void Mlp_totals(int hidden, string line) =>
        Assert.Contains(line + "\n", ModelSummary.Render(ShapeInference.Infer(Mlp(hidden), Registered)));

    [Fact]
    public void Cnn_total_and_rows()
    {
        var text = ModelSummary.Render(ShapeInference.Infer(Cnn(), Registered));
        Assert.Contains("Total params: 3,156,098 (12.04 MB)\n", text);
        var rows = text.Split('\n').Select(line => System.Text.RegularExpressions.Regex.Split(line.Trim(), "  +")).ToList();
        Assert.Contains(["max_pooling2d_1 (MaxPooling2D)", "(None, 7, 7, 64)", "0"], rows);
        Assert.Contains(["dense (Dense)", "(None, 1000)", "3,137,000"], rows);
        // Columns stay aligned when a name is longer than Keras's default column.
        var lines = text.Split('\n');
        int shapeColumn = lines.Single(l => l.Contains("Output Shape")).IndexOf("Output Shape", StringComparison.Ordinal);
        Assert.All(lines.Where(l => l.Contains("(None")), l => Assert.Equal(shapeColumn, l.IndexOf("(None", StringComparison.Ordinal)));
    }

    [Fact]
    public void Numbers_are_culture_invariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Contains("Total params: 79,510 (310.59 KB)", ModelSummary.Render(ShapeInference.Infer(Mlp(100), Registered)));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
