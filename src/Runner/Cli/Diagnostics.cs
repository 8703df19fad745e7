using Runner.Config.Diagnostics;

namespace Runner.Cli;

/// <summary>Prints configuration errors the way compilers do, one `FILE:LINE:COL: message` per line.</summary>
public static class DiagnosticPrinter
{
    const int MaxPerFile = Config.Limits.MaxErrorsShown;

    public static int Print(IReadOnlyList<Diagnostic> errors, TextWriter output)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in errors.GroupBy(e => e.File))
        {
            foreach (var e in file.Take(MaxPerFile)) text.AppendLine(e.ToString());
            int hidden = file.Count() - MaxPerFile;
            if (hidden > 0) text.AppendLine($"{file.Key}: {hidden} more error{(hidden == 1 ? "" : "s")} not shown; fix the ones above first");
        }
        text.AppendLine(errors.Count == 1 ? "1 error; nothing was run." : $"{errors.Count} errors; nothing was run.");
        output.Write(text.ToString());   // one write, not one per line
        return ExitCodes.ConfigError;
    }
}
