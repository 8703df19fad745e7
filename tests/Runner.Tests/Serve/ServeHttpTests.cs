using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Runner.Serve;

namespace Runner.Tests.Serve;

/// <summary>
/// `runner serve`'s HTTP side, in-process on a free port: a request can't reach a file by path, a
/// hostile folder (a link out, a FIFO) is shown as a problem and never read, only loopback names are
/// answered on loopback, nothing but GET is accepted, and values from results files leave as JSON text.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServeHttpTests(ServedSweepsFixture sweeps) : IClassFixture<ServedSweepsFixture>
{
    static async Task<DashboardServer> Start(params string[] folders) =>
        await DashboardServer.StartAsync(new ServedSweeps(new SweepFolders(folders)), IPAddress.Loopback, 0);

    /// <summary>Sends the request line as written: HttpClient would tidy `..` away before sending.</summary>
    static async Task<string> Raw(Uri server, string requestLine, string host = "127.0.0.1")
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [InlineData("GET /assets/../../../../../../etc/passwd HTTP/1.1")]
    [InlineData("GET /assets/..%2f..%2f..%2f..%2fetc%2fpasswd HTTP/1.1")]
    [InlineData("GET /api/sweeps/..%2f..%2f..%2fetc HTTP/1.1")]
    [InlineData("GET /api/sweeps/grid/runs/..%2f..%2fconfig.yaml HTTP/1.1")]
    [InlineData("GET /api/sweeps/grid/runs/-1 HTTP/1.1")]
    [InlineData("GET /api/sweeps/grid/runs/99999999999 HTTP/1.1")]
    [InlineData("GET /runs/ HTTP/1.1")]
    public async Task A_path_traversal_request_is_refused(string requestLine)
    {
        await using var server = await Start(sweeps.Results);
        var response = await Raw(server.Address, requestLine);
        Assert.StartsWith("HTTP/1.1 404", response);
        Assert.DoesNotContain("root:", response);
        Assert.DoesNotContain("optimizer:", response);   // no config.yaml text
    }

    [Fact]
    public async Task The_api_lists_the_sweeps_and_their_runs_and_the_page_forbids_inline_script()
    {
        await using var server = await Start(sweeps.Results);
        using var http = new HttpClient { BaseAddress = server.Address };
        var list = JsonDocument.Parse(await http.GetStringAsync("api/sweeps")).RootElement;
        Assert.Equal(["grid", "search"], list.EnumerateArray().Select(s => s.GetProperty("key").GetString()!).ToArray());
        var grid = JsonDocument.Parse(await http.GetStringAsync("api/sweeps/grid")).RootElement;
        Assert.Equal(4, grid.GetProperty("runs").GetArrayLength());
        Assert.Equal("4 runs: 4 done", grid.GetProperty("statusLine").GetString());
        Assert.Equal("best", grid.GetProperty("leaderboard")[0].GetProperty("verdictText").GetString());
        var page = await http.GetAsync("");
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Only_loopback_names_are_answered_on_loopback_and_only_GET()
    {
        await using var server = await Start(sweeps.Results);
        Assert.StartsWith("HTTP/1.1 421", await Raw(server.Address, "GET /api/sweeps HTTP/1.1", host: "evil.example"));
        Assert.StartsWith("HTTP/1.1 200", await Raw(server.Address, "GET /api/sweeps HTTP/1.1", host: $"localhost:{server.Address.Port}"));
        Assert.StartsWith("HTTP/1.1 405", await Raw(server.Address, "POST /api/sweeps HTTP/1.1"));
    }

    [Fact]
    public async Task A_link_out_of_the_folder_or_a_fifo_is_shown_as_a_problem_and_not_read()
    {
        using var copy = new TempFolder();
        var folder = Path.Combine(copy.Path, "grid");
        CopyFolder(sweeps.GridFolder, folder);
        var run = Directory.GetDirectories(Path.Combine(folder, "runs"))[0];
        File.Delete(Path.Combine(run, "summary.txt"));
        File.CreateSymbolicLink(Path.Combine(run, "summary.txt"), "/etc/passwd");
        await using var server = await Start(folder);
        using var http = new HttpClient { BaseAddress = server.Address };
        var text = await http.GetStringAsync("api/sweeps/grid");
        var grid = JsonDocument.Parse(text).RootElement;
        Assert.Contains("symbolic link", grid.GetProperty("problem").GetString());
        Assert.Equal(0, grid.GetProperty("runs").GetArrayLength());
        Assert.DoesNotContain("root:", text);

        File.Delete(Path.Combine(run, "summary.txt"));
        Assert.Equal(0, mkfifo(Path.Combine(run, "summary.txt"), Convert.ToInt32("644", 8)));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);   // the watcher reloads it; a blocked read would hang here
        string? problem;
        do
        {
            problem = JsonDocument.Parse(await http.GetStringAsync("api/sweeps/grid")).RootElement.GetProperty("problem").GetString();
            if (problem?.Contains("FIFO") == true) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Contains("FIFO", problem);
    }

    [Fact]
    public async Task A_run_folder_named_outside_runs_in_runs_csv_and_the_plan_is_never_read()
    {
        using var hostile = new TempFolder();
        var folder = Path.Combine(hostile.Path, "grid");
        CopyFolder(sweeps.GridFolder, folder);
        var outside = Directory.CreateDirectory(Path.Combine(hostile.Path, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "metrics.csv"), "epoch,loss,val_accuracy\n1,424242,0.5\n");
        File.WriteAllText(Path.Combine(outside, "config.yaml"), "secret: 424242\n");
        File.WriteAllText(Path.Combine(outside, "test_predictions.csv"), "index,label,predicted\n0,1,2\n");
        // Someone edited runs.csv so that the first run's folder is ../../outside, and removed sweep.json
        // (whose plan would have left that row out): a folder of an older Runner has no plan either.
        var first = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json"))).RootElement.GetProperty("plan")[0].GetString()!;
        File.WriteAllText(Path.Combine(folder, "runs.csv"), File.ReadAllText(Path.Combine(folder, "runs.csv")).Replace(first, "../../outside"));
        File.Delete(Path.Combine(folder, "sweep.json"));

        await using var server = await Start(folder);
        using var http = new HttpClient { BaseAddress = server.Address };
        var runs = JsonDocument.Parse(await http.GetStringAsync("api/sweeps/grid")).RootElement.GetProperty("runs");
        Assert.Equal(4, runs.GetArrayLength());
        var run = JsonDocument.Parse(await http.GetStringAsync("api/sweeps/grid/runs/0")).RootElement;
        Assert.Equal("../../outside", run.GetProperty("dir").GetString());
        Assert.Equal(0, run.GetProperty("curveEpochs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("config").ValueKind);
        var misclassified = JsonDocument.Parse(await http.GetStringAsync("api/sweeps/grid/runs/0/misclassified")).RootElement;
        Assert.False(misclassified.GetProperty("available").GetBoolean());
        Assert.Contains("not a folder inside runs/", misclassified.GetProperty("why").GetString());
        foreach (var path in new[] { "api/sweeps/grid", "api/sweeps/grid/runs/0", "api/sweeps/grid/summaries?column=loss", "api/sweeps/grid/curves?column=loss&configs=0,1" })
            Assert.DoesNotContain("424242", await http.GetStringAsync(path));
    }

    public static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(dir.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(file, file.Replace(from, to));
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, int mode);
}
