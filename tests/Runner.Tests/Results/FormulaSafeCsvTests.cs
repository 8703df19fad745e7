using Runner.Results;
using System.Globalization;
using CsCheck;
using CsvHelper;
using Runner.Recording;
using Runner.Reporting;
using Runner.Reporting.Tables;
using Runner.Training;

namespace Runner.Tests.Results;

public sealed class FormulaSafeCsvTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1+cmd|x", "'+1+cmd|x")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-", "'-")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("+3", "+3")]
    [InlineData("-1e-05", "-1e-05")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("adam", "adam")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    public void Formulas_get_an_apostrophe_and_numbers_do_not(string value, string written)
    {
        Assert.Equal(written, FormulaSafeCsv.Neutralise(value));
        Assert.Equal(value, FormulaSafeCsv.Restore(written));
    }

    static readonly Gen<string> Cells = Gen.String[Gen.OneOf(Gen.Char["=+-@\t\r'0.5e"], Gen.Char.AlphaNumeric), 0, 8];

    [Fact]
    public void Every_cell_round_trips_and_none_written_starts_a_formula() =>
        Cells.Sample(cell =>
        {
            var written = FormulaSafeCsv.Neutralise(cell);
            Assert.Equal(cell, FormulaSafeCsv.Restore(written));
            if (written.Length > 0 && "=+-@\t\r".Contains(written[0]))
                Assert.True(double.TryParse(written, NumberStyles.Float, CultureInfo.InvariantCulture, out _), written);
        }, iter: 20_000);

    [Fact]
    public void Runs_csv_neutralises_axis_values_and_reads_them_back_exactly()
    {
        using var dir = new TempFolder();
        var table = new RunsTable(dir["runs.csv"]);
        const string evil = "=HYPERLINK(\"http://x\",\"click\")";
        var record = new RunRecord("a", [new("optimizer", evil), new("lr", "-0.5")], RunStatus.Failed, 1, null, null, 10, 0.25, 1.5,
            "abcd1234", "a-abcd1234", "@SUM(1)");

        table.Upsert(record, ["a-abcd1234"]);

        var line = File.ReadLines(table.Path).ElementAt(1);
        Assert.Contains("\"'=HYPERLINK(", line);
        Assert.Contains(",-0.5,", line);
        Assert.Contains(",'@SUM(1)", line);
        var row = Assert.Single(table.Read());
        Assert.Equal(evil, row["optimizer"]);
        Assert.Equal("@SUM(1)", row["reason"]);
    }

    [Fact]
    public void Report_tables_never_start_a_cell_with_a_formula()
    {
        using var temp = new TempFolder();
        var directory = new ResultsFixture { Optimizers = ["=1+2", "+cmd|x", "-cmd"], WithFailedAndPruned = false }.Write(temp.Path);

        ReportWriter.Write(directory, _ => { }, images: null);

        foreach (var file in new[] { LeaderboardCsv.FileName, AxisEffectsCsv.FileName })
        {
            using var reader = new StreamReader(Path.Combine(directory, "report", file));
            using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
            int formulas = 0;
            while (csv.Read())
                foreach (var cell in csv.Record!)
                    if (cell.Length > 0 && "=+-@".Contains(cell[0]) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        formulas++;
            Assert.Equal(0, formulas);
            Assert.Contains("'=1+2", File.ReadAllText(Path.Combine(directory, "report", file)));
        }
    }
}
