namespace Runner.Config.Diagnostics;

/// <summary>
/// Where a piece of configuration came from: a file (or the pseudo-file `--set`), a 1-based line and
/// a 1-based column. For `--set` the line is the override's number and the column is in the argument.
/// </summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
