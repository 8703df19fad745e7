using Runner.Files;

namespace Runner.Tests.Files;

public sealed class ProgramPathTests
{
    static string Executable(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Relative_and_empty_path_entries_are_never_searched()
    {
        using var folder = new TempFolder();
        Executable(Path.Combine(Environment.CurrentDirectory, "bin-planted-for-test", "tool-xyz"));
        try
        {
            Assert.Null(ProgramPath.Find("tool-xyz", "bin-planted-for-test::."));
            var real = Executable(folder["abs/tool-xyz"]);
            Assert.Equal(real, ProgramPath.Find("tool-xyz", $"bin-planted-for-test:{folder["abs"]}"));
        }
        finally { Directory.Delete(Path.Combine(Environment.CurrentDirectory, "bin-planted-for-test"), true); }
    }

    [Fact]
    public void A_file_without_execute_permission_or_a_folder_is_skipped()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder["a/tool-xyz"]);
        Directory.CreateDirectory(folder["b"]);
        File.WriteAllText(folder["b/tool-xyz"], "data");
        var c = Executable(folder["c/tool-xyz"]);
        Assert.Equal(c, ProgramPath.Find("tool-xyz", $"{folder["a"]}:{folder["b"]}:{folder["c"]}"));
    }
}
