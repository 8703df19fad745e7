using Runner.Text;
using System.Globalization;
using System.Text;

namespace Runner.Reporting.Documents;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: figures are embedded as
/// base64 data URIs, style and the table-sorting script are inline, nothing is fetched from anywhere,
/// so the file can be opened from disk or sent by mail.
/// </summary>
public static class HtmlRenderer
{
    const string Style = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 1.5em 0; padding: 0 1.5em; color: #222; }
        h1 { border-bottom: 2px solid #4C72B0; padding-bottom: .2em; }
        h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
        th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { white-space: nowrap; }
        th { background: #f0f3f8; cursor: pointer; user-select: none; }
        th.sorted-asc::after { content: " \25B2"; } th.sorted-desc::after { content: " \25BC"; }
        tr:nth-child(even) td { background: #fafafa; }
        .table-wrap { overflow-x: auto; }
        figure { margin: 1.5em 0; display: inline-block; vertical-align: top; max-width: 100%; }
        figure img { max-width: 100%; border: 1px solid #eee; } figcaption { max-width: 1100px; }
        figcaption { color: #555; font-style: italic; }
        pre { background: #f6f8fa; padding: 1em; overflow-x: auto; }
        dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; } dt { font-weight: bold; } dd { margin: 0; }
        """;

    // Click a header to sort by that column; numbers (data-v) sort as numbers, empty cells last.
    const string Script = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("th").forEach(function (th, column) {
            th.addEventListener("click", function () {
              var ascending = !th.classList.contains("sorted-asc");
              table.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
              th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              function key(row) {
                var cell = row.cells[column];
                var v = cell.getAttribute("data-v");
                return v === null ? cell.textContent.trim() : (v === "" ? null : parseFloat(v));
              }
              rows.sort(function (a, b) {
                var x = key(a), y = key(b);
                if (x === null || x === "") return 1;
                if (y === null || y === "") return -1;
                var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
                return ascending ? c : -c;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        });
        """;

    /// <param name="readFigure">The PNG bytes of a figure file, or null to leave it out.</param>
    public static string Render(ReportDocument document, Func<string, byte[]?> readFigure)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(E(document.Title)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style></head><body>")
            .Append("<h1>").Append(E(document.Title)).AppendLine("</h1>");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h: html.Append($"<h{h.Level + 1}>").Append(E(h.Text)).AppendLine($"</h{h.Level + 1}>"); break;
                case Paragraph p: html.Append("<p>").Append(E(p.Text)).AppendLine("</p>"); break;
                case BulletList l:
                    html.AppendLine("<ul>");
                    foreach (var item in l.Items) html.Append("<li>").Append(E(item)).AppendLine("</li>");
                    html.AppendLine("</ul>");
                    break;
                case Facts f:
                    html.AppendLine("<dl>");
                    foreach (var (name, value) in f.Items) html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).AppendLine("</dd>");
                    html.AppendLine("</dl>");
                    break;
                case Table t: RenderTable(html, t); break;
                case Figure f when readFigure(f.FileName) is { } png:
                    html.Append("<figure><img alt=\"").Append(E(f.Caption)).Append("\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(E(f.Caption)).AppendLine("</figcaption></figure>");
                    break;
                case CodeBlock c: html.Append("<pre><code>").Append(E(c.Text.TrimEnd())).AppendLine("</code></pre>"); break;
            }
        }
        html.Append("<script>").Append(Script).AppendLine("</script>").AppendLine("</body></html>");
        return html.ToString();
    }

    static void RenderTable(StringBuilder html, Table table)
    {
        html.AppendLine("<div class=\"table-wrap\"><table class=\"sortable\"><thead><tr>");
        foreach (var h in table.Header) html.Append("<th>").Append(E(h)).Append("</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td");
                if (cell.SortValue is { } v)
                    html.Append(" data-v=\"").Append(double.IsFinite(v) ? Numbers.Exact(v) : "").Append('"');
                html.Append('>').Append(E(cell.Text).Replace(",", ",<wbr>")).Append("</td>");   // optimizer=adam,activation=relu may wrap after a comma
            }
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table></div>");
    }

    /// <summary>Escapes markup characters only; the page is UTF-8, so ± and × stay readable in the source.</summary>
    static string E(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
