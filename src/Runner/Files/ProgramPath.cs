namespace Runner.Files;

/// <summary>
/// Where a program we start lives: an absolute path found on PATH, never the current folder. .NET's
/// Process.Start looks in the current folder first, so a cloned repository holding an executable
/// `npm` would be run; resolving the path ourselves, from absolute PATH entries only, rules that out.
/// </summary>
public static class ProgramPath
{
    /// <summary>The absolute path of the executable <paramref name="name"/> on PATH, or null.</summary>
    public static string? Find(string name, string? pathVariable = null)
    {
        if (name.Contains('/')) throw new ArgumentException("a bare program name is expected", nameof(name));
        var entries = (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        foreach (var entry in entries)
        {
            // An empty or relative entry means the current folder (or one below it): never searched.
            if (entry.Length == 0 || !Path.IsPathRooted(entry)) continue;
            var candidate = Path.Combine(entry, name);
            if (IsExecutableFile(candidate)) return candidate;
        }
        return null;
    }

    static bool IsExecutableFile(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
