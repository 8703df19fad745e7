using System.Runtime.InteropServices;
using Runner.Sweeps.Launchers.Slurm;

namespace Runner.Tests.Sweeps.Launchers.Slurm;

/// <summary>
/// The kept copy of the build under slurm/ has a predictable name (`submit --dry-run` prints it), so a copy
/// found there is reused only when it is this build, byte for byte, and writable by its owner alone.
/// A small stand-in build folder keeps these tests from copying the real 550 MB.
/// </summary>
public sealed class KeptBuildTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly string _build;
    readonly string _slurm;

    public KeptBuildTests()
    {
        _build = _temp["build"];
        _slurm = _temp["results/slurm"];
        Directory.CreateDirectory(Path.Combine(_build, "runtimes", RuntimeInformation.RuntimeIdentifier, "native"));
        Directory.CreateDirectory(Path.Combine(_build, "runtimes", "win-x64", "native"));
        Directory.CreateDirectory(Path.Combine(_build, "linux-x64", "publish"));
        Directory.CreateDirectory(_slurm);
        File.WriteAllText(Path.Combine(_build, KeptBuild.EntryAssembly), "the real runner");
        File.WriteAllText(Path.Combine(_build, "Models.dll"), "models");
        File.WriteAllText(Path.Combine(_build, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libtorch.so"), "torch");
        File.WriteAllText(Path.Combine(_build, "runtimes", "win-x64", "native", "torch.dll"), "windows torch");
        File.WriteAllText(Path.Combine(_build, "linux-x64", KeptBuild.EntryAssembly), "dotnet pack's build");
        File.WriteAllText(Path.Combine(_build, "linux-x64", "publish", KeptBuild.EntryAssembly), "dotnet pack's publish");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Copies_this_platforms_files_only_and_reuses_its_own_copy()
    {
        var entry = KeptBuild.Publish(_slurm, _build);
        var copy = Path.GetDirectoryName(entry)!;
        var files = Directory.GetFiles(copy, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(copy, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Models.dll", KeptBuild.EntryAssembly, Path.Combine("runtimes", RuntimeInformation.RuntimeIdentifier, "native", "libtorch.so")], files);
        Assert.Equal(entry, KeptBuild.Publish(_slurm, _build));
    }

    [Fact]
    public void A_planted_or_altered_copy_is_refused()
    {
        var planted = KeptBuild.FolderFor(_slurm, _build);
        Directory.CreateDirectory(planted);
        File.WriteAllText(Path.Combine(planted, KeptBuild.EntryAssembly), "an evil runner");
        var refused = Assert.Throws<SlurmException>(() => KeptBuild.Publish(_slurm, _build));
        Assert.Contains("is not an unaltered copy of this Runner build", refused.Message);
        Directory.Delete(planted, recursive: true);

        var entry = KeptBuild.Publish(_slurm, _build);
        File.WriteAllText(entry, "the evil runner");   // same length, other bytes
        Assert.Contains($"{KeptBuild.EntryAssembly} differs", Assert.Throws<SlurmException>(() => KeptBuild.Publish(_slurm, _build)).Message);

        File.Copy(Path.Combine(_build, KeptBuild.EntryAssembly), entry, overwrite: true);
        File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) | UnixFileMode.OtherWrite);
        Assert.Contains("writable by group or others", Assert.Throws<SlurmException>(() => KeptBuild.Publish(_slurm, _build)).Message);

        File.SetUnixFileMode(entry, File.GetUnixFileMode(entry) & ~UnixFileMode.OtherWrite);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(entry)!, "extra.dll"), "loaded by the runtime");
        Assert.Contains("not this build's files", Assert.Throws<SlurmException>(() => KeptBuild.Publish(_slurm, _build)).Message);
    }
}
