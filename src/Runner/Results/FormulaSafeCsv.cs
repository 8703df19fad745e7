using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Runner.Results;

/// <summary>
/// CSV formula injection, neutralised the way OWASP recommends: a cell that starts with = + - @ tab or
/// CR (an axis value `=HYPERLINK(...)`, `@SUM(...)`) is written with a leading apostrophe, so a
/// spreadsheet shows it as text instead of evaluating it. Genuine numbers (-0.5, +3, -1e-05) are left
/// alone. Cells that already start with apostrophes before such a character get one more, so
/// <see cref="Restore"/> undoes exactly what <see cref="Neutralise"/> did and round trips stay exact.
/// </summary>
public static class FormulaSafeCsv
{
    public static string Neutralise(string text) => NeedsPrefix(text) ? "'" + text : text;

    public static string Restore(string cell) => cell.StartsWith('\'') && NeedsPrefix(cell[1..]) ? cell[1..] : cell;

    static bool NeedsPrefix(string text)
    {
        int quotes = 0;
        while (quotes < text.Length && text[quotes] == '\'') quotes++;
        if (quotes == text.Length) return false;
        var rest = text.AsSpan(quotes);
        return rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>A CsvHelper writer that neutralises every field it writes.</summary>
    public static CsvWriter Writer(TextWriter writer, CsvConfiguration configuration) => new SafeWriter(writer, configuration);

    sealed class SafeWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        public override void WriteField(string? field, bool shouldQuote) =>
            base.WriteField(field is null ? null : Neutralise(field), shouldQuote);
    }
}
