using System.Text.RegularExpressions;

namespace Runner.Tests.Serve;

[Trait("Category", "Slow")]
public sealed class ServeHostWarningTests
{
    /// <summary>With --host and --port 0 the warning named "port 0", not the port anyone could reach.</summary>
    [Fact]
    public void The_host_warning_names_the_port_the_server_got()
    {
        using var temp = new TempFolder();
        new ResultsFixture().Write(temp.Path);
        using var serve = RunnerProcess.Start("serve", temp.Path, "--host", "0.0.0.0", "--port", "0");
        serve.WaitUntil(() => serve.Output.Contains("Serving ") && serve.Output.Contains("reach port"), TimeSpan.FromMinutes(2));

        var port = Regex.Match(serve.Output, @"at http://[^:/]+:(\d+)/").Groups[1].Value;
        Assert.True(port.Length > 0 && port != "0", serve.Output);
        Assert.Contains($"anyone who can reach port {port} can read these results", serve.Output);
    }
}
