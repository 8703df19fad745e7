namespace Runner.Results;

/// <summary>
/// A results file Runner wrote that no longer reads as it should (cut short, bytes flipped, a column
/// lost). The message names the file and line and what is wrong, never the damaged content; the run it
/// belongs to is trained again or its row re-derived.
/// </summary>
public sealed class DamagedResultsFileException(string path, int? line, string problem)
    : Exception($"{path}{(line is int l ? $":{l}" : "")}: {problem}");
