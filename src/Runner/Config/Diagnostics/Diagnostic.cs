namespace Runner.Config.Diagnostics;

/// <summary>One configuration error, printed as `FILE:LINE:COL: what is wrong; what would be right`.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public Diagnostic(SourcePosition at, string message) : this(at.File, at.Line, at.Column, message) { }

    public SourcePosition Position => new(File, Line, Column);

    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
