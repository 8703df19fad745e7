using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;

namespace Runner.Tests.Serve;

/// <summary>
/// `runner serve` beside a sweep training in another process: a finished epoch shows without a reload,
/// and through a `--jobs 2` sweep killed with SIGKILL and resumed, serve opens no file of the results
/// folder for writing and leaves every file as the sweep wrote it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServeLiveTests
{
    static string Yaml(string name, int epochs, string optimizers) => $$"""
        name: {{name}}
        data: {dataset: {name: synthetic, train_samples: 4000, test_samples: 100}, validation_split: 0.1}
        {{ModelYaml.Mlp(64)}}
        train: {optimizer: ${optimizer}, epochs: {{epochs}}, batch_size: 8, seed: ${seed}, threads: 1, fuse: off}
        sweep:
          optimizer: [{{optimizers}}]
          seed: [1, 2]
        """;

    [BrowserFact]
    public async Task A_new_epoch_of_a_running_sweep_appears_without_a_reload()
    {
        using var sweep = new SweepFolder(Yaml("watched", 30, "adam"));
        Directory.CreateDirectory(sweep.Results);
        using var serve = ServeProcess.Start(sweep.Results);
        using var run = sweep.Start();
        run.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= 1, TimeSpan.FromMinutes(2));
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(serve.Url("/#/s/watched/runs"));
            var running = page.Locator("#runs tbody tr", new() { HasText = "running" }).Locator(".epoch");
            await running.WaitForAsync(new() { Timeout = 120_000 });
            var first = Epoch(await running.TextContentAsync());
            await page.EvaluateAsync("window.notReloaded = true");
            await page.WaitForFunctionAsync(
                "first => [...document.querySelectorAll('#runs tbody tr')].some(r => r.textContent.includes('running') && parseInt(r.querySelector('.epoch').textContent) > first)",
                first, new() { Timeout = 120_000, PollingInterval = 50 });
            Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page was reloaded");
            Assert.False(run.HasExited, "the sweep ended before a second epoch was seen live");
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    static int Epoch(string? text) => int.Parse(text!.Split('/')[0], CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task Through_a_killed_and_resumed_two_job_sweep_serve_writes_nothing_in_the_results_folder()
    {
        using var sweep = new SweepFolder(Yaml("killed", 12, "sgd, adam"));
        Directory.CreateDirectory(sweep.Results);
        using var serve = ServeProcess.Start(sweep.Results);
        using var writes = new WriteWatch(serve.Process.Id, sweep.Results);
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(serve.Url("/#/s/killed/runs"));
            using (var run = sweep.Start("--jobs", "2"))
            {
                run.WaitUntil(() => SweepFiles.EpochsWritten(sweep.Dir) >= 3, TimeSpan.FromMinutes(3));
                await page.Locator("#runs tbody tr", new() { HasText = "running" }).First.WaitForAsync(new() { Timeout = 120_000 });
                run.Signal(RunnerProcess.SigKill);
                run.WaitForExit(TimeSpan.FromMinutes(1));
            }
            await page.Locator("#status-line", new() { HasText = "interrupted" }).WaitForAsync(new() { Timeout = 120_000 });
            sweep.Train("--jobs", "2");
            await page.Locator("#status-line", new() { HasTextString = "4 runs: 4 done" }).WaitForAsync(new() { Timeout = 120_000 });

            var before = Files(sweep.Results);
            foreach (var view in new[] { "leaderboard", "curves", "parameters", "parallel", "compare" })
            {
                await page.GotoAsync(serve.Url($"/#/s/killed/{view}"));
                await page.WaitForSelectorAsync("#sweep nav");
            }
            for (var i = 0; i < 4; i++)
            {
                await page.GotoAsync(serve.Url($"/#/s/killed/run/{i}"));
                await page.WaitForSelectorAsync("#run-curves svg");
            }
            Assert.Equal(before, Files(sweep.Results));
            Assert.Empty(writes.Stop());
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    /// <summary>Every file under the folder with its length, modification time and content hash.</summary>
    static string Files(string folder) => string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(folder, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    /// <summary>
    /// Looks at the serve process's open files (/proc/PID/fd and fdinfo) until stopped, and collects any
    /// under <paramref name="folder"/> open for writing (O_WRONLY or O_RDWR).
    /// </summary>
    sealed class WriteWatch : IDisposable
    {
        readonly CancellationTokenSource _stop = new();
        readonly Task<List<string>> _task;

        public WriteWatch(int pid, string folder) => _task = Task.Run(() =>
        {
            var found = new List<string>();
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                    {
                        var target = new FileInfo(fd).LinkTarget;
                        if (target is null || !target.StartsWith(folder, StringComparison.Ordinal)) continue;
                        var flags = File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(fd)}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
                        if (flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 3) != 0) found.Add(target);
                    }
                }
                catch (IOException) { /* an fd closed while looked at */ }
                Thread.Sleep(2);
            }
            return found;
        });

        public List<string> Stop()
        {
            _stop.Cancel();
            return _task.GetAwaiter().GetResult();
        }

        public void Dispose() => _stop.Cancel();
    }
}
