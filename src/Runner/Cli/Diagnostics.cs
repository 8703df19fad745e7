using Runner.Config.Diagnostics;
using Runner.Planning;

namespace Runner.Cli;

/// <summary>Prints configuration errors the way compilers do, one `FILE:LINE:COL: message` per line.</summary>
public static class DiagnosticPrinter
{
    const int MaxPerFile = Files.Limits.MaxErrorsShown;

    /// <summary>The errors of each loaded file; a count ends in '+' where more were found than kept.</summary>
    public static int Print(IEnumerable<LoadResult> results, TextWriter output)
    {
        var text = new System.Text.StringBuilder();
        int total = 0;
        bool truncated = false;
        foreach (var result in results)
        {
            string more = result.ErrorsTruncated ? "+" : "";
            foreach (var file in result.Errors.GroupBy(e => e.File))
            {
                foreach (var e in file.Take(MaxPerFile)) text.AppendLine(e.ToString());
                int hidden = file.Count() - MaxPerFile;
                if (hidden > 0) text.AppendLine($"{file.Key}: {hidden}{more} more error{(hidden == 1 ? "" : "s")} not shown; fix the ones above first");
            }
            total += result.Errors.Count;
            truncated |= result.ErrorsTruncated;
        }
        text.AppendLine(total == 1 && !truncated ? "1 error; nothing was run." : $"{total}{(truncated ? "+" : "")} errors; nothing was run.");
        output.Write(text.ToString());   // one write, not one per line
        return ExitCodes.ConfigError;
    }
}
