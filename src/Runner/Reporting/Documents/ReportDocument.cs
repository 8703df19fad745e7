namespace Runner.Reporting.Documents;

/// <summary>
/// A report as a list of blocks, written once and rendered twice (Markdown and HTML), so that both
/// files always say the same thing.
/// </summary>
public sealed record ReportDocument(string Title, IReadOnlyList<Block> Blocks);

public abstract record Block;

public sealed record Heading(int Level, string Text) : Block;

/// <summary>Plain text; renderers escape it.</summary>
public sealed record Paragraph(string Text) : Block;

/// <summary>A bulleted list of plain-text items.</summary>
public sealed record BulletList(IReadOnlyList<string> Items) : Block;

/// <summary>Name/value pairs ("runs: 18").</summary>
public sealed record Facts(IReadOnlyList<KeyValuePair<string, string>> Items) : Block;

/// <summary>A table; in HTML the header sorts it when clicked. <see cref="Cell.SortValue"/> sorts numbers as numbers.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Cell>> Rows) : Block;

public sealed record Cell(string Text, double? SortValue = null)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>A PNG in the report folder with its caption.</summary>
public sealed record Figure(string FileName, string Caption) : Block;

public sealed record CodeBlock(string Language, string Text) : Block;
