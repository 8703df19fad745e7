using System.Globalization;

namespace Runner.Text;

/// <summary>
/// Numbers as Runner writes them, in the invariant culture whatever the machine's (a German locale must
/// not turn 0.5 into 0,5 in a CSV): exact text for files that are read back, short text for people.
/// </summary>
public static class Numbers
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Round-trips exactly (CSV cells, configs, messages that quote a value); empty for null.</summary>
    public static string Exact(double value) => value.ToString("R", Invariant);
    public static string Exact(double? value) => value is { } v ? Exact(v) : "";

    /// <summary>Round-trips exactly, as one writes it in YAML (50000, 0.85, 1e308, 1e-5), not .NET's 1E+308 and 1E-05.</summary>
    public static string Written(double value)
    {
        var text = Exact(value);
        int e = text.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? text : text[..e] + "e" + int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, Invariant).ToString(Invariant);
    }

    /// <summary>A metric for people: four decimals (0.8741).</summary>
    public static string Metric(double value) => value.ToString("F4", Invariant);

    /// <summary>Seconds for people, to a tenth (12.3).</summary>
    public static string Seconds(double seconds) => seconds.ToString("F1", Invariant);

    /// <summary>At most four decimals, no trailing zeros (0.05, 0.8741): a value inside a sentence.</summary>
    public static string Brief(double value) => value.ToString("0.####", Invariant);

    /// <summary>A p-value to three significant digits (0.0123, 4.56E-05).</summary>
    public static string PValue(double p) => p.ToString("G3", Invariant);

    /// <summary>A whole number for people, thousands separated (79,510).</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A whole number for files (no separators).</summary>
    public static string Integer(long value) => value.ToString(Invariant);

    /// <summary>A size in bytes for people, in binary units (310.6 KB, 1.2 GB).</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
        int unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1) { bytes /= 1024; unit++; }
        return bytes.ToString(unit == 0 ? "0" : "0.0", Invariant) + " " + units[unit];
    }
}
