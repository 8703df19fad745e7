using Runner.Config.Diagnostics;

namespace Runner.Cli;

/// <summary>Prints configuration errors the way compilers do, one `FILE:LINE:COL: message` per line.</summary>
public static class DiagnosticPrinter
{
    public static int Print(IReadOnlyList<Diagnostic> errors, TextWriter output)
    {
        foreach (var e in errors) output.WriteLine(e.ToString());
        output.WriteLine(errors.Count == 1 ? "1 error; nothing was run." : $"{errors.Count} errors; nothing was run.");
        return ExitCodes.ConfigError;
    }
}
