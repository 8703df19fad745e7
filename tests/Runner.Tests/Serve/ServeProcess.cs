using System.Text.RegularExpressions;

namespace Runner.Tests.Serve;

/// <summary>`runner serve DIR --port 0` as a real process, and the address it printed.</summary>
public sealed partial class ServeProcess : IDisposable
{
    [GeneratedRegex(@"at (http://\S+/) ")] private static partial Regex AddressLine();

    ServeProcess(RunnerProcess process, Uri address)
    {
        Process = process;
        Address = address;
    }

    public RunnerProcess Process { get; }
    public Uri Address { get; }

    public static ServeProcess Start(params string[] folders)
    {
        var process = RunnerProcess.Start(["serve", .. folders, "--port", "0"]);
        process.WaitUntil(() => AddressLine().IsMatch(process.Output), TimeSpan.FromMinutes(2));
        var match = AddressLine().Match(process.Output);
        Assert.True(match.Success, "serve did not start:\n" + process.Output);
        return new ServeProcess(process, new Uri(match.Groups[1].Value));
    }

    public string Url(string path) => new Uri(Address, path).ToString();

    public void Dispose() => Process.Dispose();
}
