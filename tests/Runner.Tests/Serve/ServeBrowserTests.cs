using Microsoft.Playwright;

namespace Runner.Tests.Serve;

/// <summary>
/// The dashboard in a real Chromium over real sweeps (`runner serve` as a process): what the pages show,
/// read from the page's text and attributes, not its pixels.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServeBrowserTests(ServedSweepsFixture sweeps) : IClassFixture<ServedSweepsFixture>
{
    static async Task<T> WithPage<T>(ServeProcess serve, string hash, Func<IPage, Task<T>> act)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await page.GotoAsync(serve.Url("/" + hash));
            return await act(page);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [BrowserFact]
    public async Task The_dashboard_shows_the_sweeps_the_runs_and_the_leaderboard_with_its_verdict()
    {
        using var serve = ServeProcess.Start(sweeps.Results);
        await WithPage(serve, "#/", async page =>
        {
            await page.WaitForSelectorAsync("#sweeps tbody tr");
            Assert.Equal(["grid", "search"], await page.Locator("#sweeps tbody tr td:first-child").AllTextContentsAsync());
            await page.GotoAsync(serve.Url("/#/s/grid/runs"));
            await page.WaitForSelectorAsync("#runs tbody tr");
            var ids = await page.Locator("#runs .run-id").AllTextContentsAsync();
            Assert.Equal(4, ids.Count);
            Assert.Contains(ids, id => id.Contains("optimizer=adam", StringComparison.Ordinal));
            Assert.Equal("4 of 4 runs", await page.Locator("#run-count").TextContentAsync());
            await page.GotoAsync(serve.Url("/#/s/grid/leaderboard"));
            var verdict = page.Locator("#leaderboard tbody tr:first-child td.verdict-Best");
            Assert.Equal("best", await verdict.TextContentAsync());
            var box = await verdict.BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 1400, "the verdict is out of view at 1400 px");
            return 0;
        });
    }

    [BrowserFact]
    public async Task A_filter_and_a_top_k_percent_give_the_expected_run_counts()
    {
        using var serve = ServeProcess.Start(sweeps.Results);
        await WithPage(serve, "#/s/grid/runs", async page =>
        {
            await page.WaitForSelectorAsync("#runs tbody tr");
            await page.FillAsync("#run-filter", "adam");
            Assert.Equal("2 of 4 runs", await page.Locator("#run-count").TextContentAsync());
            Assert.All(await page.Locator("#runs .run-id").AllTextContentsAsync(), id => Assert.Contains("adam", id));
            await page.FillAsync("#run-filter", "");
            await page.FillAsync("#run-topk", "50");
            Assert.Equal("2 of 4 runs", await page.Locator("#run-count").TextContentAsync());
            await page.GotoAsync(serve.Url("/#/s/search/parallel"));
            await page.WaitForSelectorAsync("#parallel .pc-axis");
            Assert.Equal("5 of 5 runs", await page.Locator("#pc-count").TextContentAsync());
            await page.FillAsync("#pc-topk", "40");
            Assert.Equal("2 of 5 runs", await page.Locator("#pc-count").TextContentAsync());
            return 0;
        });
    }

    [BrowserFact]
    public async Task The_scatter_and_parallel_coordinates_put_a_log_uniform_axis_on_a_log_scale()
    {
        using var serve = ServeProcess.Start(sweeps.Results);
        await WithPage(serve, "#/s/search/parameters", async page =>
        {
            await page.WaitForSelectorAsync(".param svg");
            Assert.Equal("log", await page.GetAttributeAsync(".param[data-axis='lr'] svg", "data-x-scale"));
            Assert.Equal("linear", await page.GetAttributeAsync(".param[data-axis='units'] svg", "data-x-scale"));
            Assert.Equal("5", await page.GetAttributeAsync(".param[data-axis='lr'] .points", "data-points"));
            Assert.NotNull(await page.QuerySelectorAsync("#best-so-far svg"));
            await page.GotoAsync(serve.Url("/#/s/search/parallel"));
            await page.WaitForSelectorAsync("#parallel .pc-axis");
            Assert.Equal("log", await page.GetAttributeAsync("#parallel .pc-axis[data-axis='lr']", "data-scale"));
            Assert.Equal("linear", await page.GetAttributeAsync("#parallel .pc-axis[data-axis='units']", "data-scale"));
            await page.GotoAsync(serve.Url("/#/s/grid/parameters"));
            await page.WaitForSelectorAsync(".param svg");
            Assert.Equal("category", await page.GetAttributeAsync(".param[data-axis='optimizer'] svg", "data-x-scale"));
            return 0;
        });
    }

    [BrowserFact]
    public async Task A_run_id_holding_a_script_tag_shows_as_text_and_runs_nothing()
    {
        using var hostile = new TempFolder();
        var folder = Path.Combine(hostile.Path, "grid");
        ServeHttpTests.CopyFolder(sweeps.GridFolder, folder);
        const string Id = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        var runs = Path.Combine(folder, "runs.csv");
        var lines = File.ReadAllLines(runs);
        var first = lines[1];
        var oldId = first.StartsWith('"') ? first[..(first.IndexOf('"', 1) + 1)] : first[..first.IndexOf(',')];
        lines[1] = "\"" + Id.Replace("\"", "\"\"") + "\"" + first[oldId.Length..];
        File.WriteAllLines(runs, lines);

        using var serve = ServeProcess.Start(folder);
        await WithPage(serve, "#/s/grid/runs", async page =>
        {
            await page.WaitForSelectorAsync("#runs tbody tr");
            Assert.Contains(Id, await page.Locator("#runs .run-id").AllTextContentsAsync());
            await page.ClickAsync($"#runs tr[data-run='0'] .run-id a");
            await page.WaitForSelectorAsync("#run h1");
            Assert.Equal(Id, await page.Locator("#run h1").TextContentAsync());
            Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.pwned"));
            Assert.Equal(0, await page.Locator("#app script, #app img").CountAsync());
            return 0;
        });
    }
}
