using System.Text;

namespace Runner.Reporting.Documents;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown; figures link to the PNGs beside it.</summary>
public static class MarkdownRenderer
{
    public static string Render(ReportDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Escape(document.Title)).AppendLine();
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h: md.Append(new string('#', h.Level + 1)).Append(' ').AppendLine(Escape(h.Text)); break;
                case Paragraph p: md.AppendLine(Escape(p.Text)); break;
                case BulletList l: foreach (var item in l.Items) md.Append("- ").AppendLine(Escape(item)); break;
                case Facts f: foreach (var (name, value) in f.Items) md.Append("- **").Append(Escape(name)).Append(":** ").AppendLine(Escape(value)); break;
                case Table t: RenderTable(md, t); break;
                case Figure f: md.Append("![").Append(Escape(f.Caption)).Append("](").Append(f.FileName).AppendLine(")")
                    .AppendLine().Append('*').Append(Escape(f.Caption)).AppendLine("*"); break;
                case CodeBlock c: md.Append("```").AppendLine(c.Language).AppendLine(c.Text.TrimEnd()).AppendLine("```"); break;
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    static void RenderTable(StringBuilder md, Table table)
    {
        md.Append("| ").Append(string.Join(" | ", table.Header.Select(Cell))).AppendLine(" |");
        md.Append('|').Append(string.Join("|", table.Header.Select(_ => "---"))).AppendLine("|");
        foreach (var row in table.Rows)
            md.Append("| ").Append(string.Join(" | ", row.Select(c => Cell(c.Text)))).AppendLine(" |");
    }

    static string Cell(string text) => Escape(text).Replace("|", "\\|").Replace("\n", " ");

    /// <summary>Escapes the characters that would turn plain text into markup.</summary>
    static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool lineStart = true;
        foreach (var c in text)
        {
            // Underscores stay: names like val_accuracy are intraword, which GFM never treats as emphasis. A '>'
            // quotes only at the start of a line ('<' is escaped, so it can't close a tag): `a -> b` stays readable.
            if (c is '\\' or '*' or '`' or '[' or ']' or '<' or '#' || c == '>' && lineStart) sb.Append('\\');
            sb.Append(c);
            lineStart = c == '\n' || lineStart && c == ' ';
        }
        return sb.ToString();
    }
}
