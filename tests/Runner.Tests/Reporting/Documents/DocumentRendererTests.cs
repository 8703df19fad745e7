using global::Runner.Reporting.Documents;

namespace Runner.Tests.Reporting.Documents;

public class DocumentRendererTests
{
    static readonly ReportDocument Document = new("Report: a|b <x>",
    [
        new Heading(1, "Leaderboard"),
        new Paragraph("val_accuracy is *the* metric"),
        new Table(["configuration", "value"], [
            [new Cell("lr=0.1|x"), new Cell("0.8700 ± 0.0010", 0.87)],
            [new Cell("<b>"), new Cell("n/a", double.NaN)]]),
        new Figure("chart.png", "A chart"),
        new Figure("missing.png", "Not there"),
        new CodeBlock("yaml", "a: <1>\n"),
    ]);

    [Fact]
    public void Markdown_escapes_markup_and_pipes_in_tables()
    {
        var md = MarkdownRenderer.Render(Document);
        Assert.Contains("# Report: a|b \\<x>", md);
        Assert.Contains("val_accuracy is \\*the\\* metric", md);
        Assert.Contains("| lr=0.1\\|x | 0.8700 ± 0.0010 |", md);
        Assert.Contains("![A chart](chart.png)", md);
        Assert.Contains("```yaml\na: <1>\n```", md.Replace("\r\n", "\n"));
    }

    /// <summary>The raw report.md read `train.epochs: 2 -\> 4`: a '>' inside a line needs no escape, one that starts it does.</summary>
    [Fact]
    public void Markdown_escapes_a_greater_than_sign_only_where_it_would_quote()
    {
        var md = MarkdownRenderer.Render(new ReportDocument("t", [new Paragraph("train.epochs: 2 -> 4"), new Paragraph("> not a quote")]));
        Assert.Contains("train.epochs: 2 -> 4", md);
        Assert.Contains("\\> not a quote", md);
    }

    [Fact]
    public void Html_encodes_text_embeds_figures_it_can_read_and_sorts_numbers_by_value()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        var html = HtmlRenderer.Render(Document, name => name == "chart.png" ? png : null);
        Assert.Contains("<title>Report: a|b &lt;x&gt;</title>", html);
        Assert.Contains("<td>&lt;b&gt;</td>", html);
        Assert.Contains("<td data-v=\"0.87\">0.8700 ± 0.0010</td>", html);
        Assert.Contains("<td data-v=\"\">n/a</td>", html);
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html);
        Assert.DoesNotContain("Not there", html);
        Assert.Contains("<pre><code>a: &lt;1&gt;</code></pre>", html);
    }
}
