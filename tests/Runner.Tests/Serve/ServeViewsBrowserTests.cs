using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Runner.Reporting.Results;
using Runner.Sweeps.Adaptive;
using Runner.Sweeps.Methods.Race;

namespace Runner.Tests.Serve;

/// <summary>
/// The race by round, a run's misclassified images and a search's learning curves, in a real Chromium
/// over real sweeps: what the page says is checked against the results folder's own files.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServeViewsBrowserTests(ServedSweepsFixture sweeps, RaceSweepFixture race)
    : IClassFixture<ServedSweepsFixture>, IClassFixture<RaceSweepFixture>
{
    static async Task WithPage(ServeProcess serve, string hash, Func<IPage, Task> act)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await page.GotoAsync(serve.Url("/" + hash));
            await act(page);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    static async Task<JsonElement> Json(ServeProcess serve, string path)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(serve.Url(path))).RootElement;
    }

    [BrowserFact]
    public async Task The_race_view_shows_every_round_who_was_in_and_who_was_eliminated_with_its_p_value_as_the_journal_says()
    {
        var rounds = RaceJournal.Rounds(DecisionJournal.Read(race.Folder));
        Assert.NotEmpty(rounds);
        var eliminated = rounds.SelectMany(r => r.Entry.Decisions).Where(d => d.Kind == Decision.Eliminate).ToArray();
        Assert.NotEmpty(eliminated);   // lr 1e-6 stays at chance
        var labels = ResultsTable.Load(race.Folder, _ => { }, histories: false).Configurations.ToDictionary(c => c.Key, c => c.Label);

        using var serve = ServeProcess.Start(race.Folder);
        await WithPage(serve, "#/s/race/race", async page =>
        {
            await page.WaitForSelectorAsync("#race-table");
            Assert.Equal(rounds.Count, await page.Locator("#race-table thead th").CountAsync() - 1);
            foreach (var (round, (seeds, entry)) in rounds.Select((r, i) => (i + 1, r)))
            {
                Assert.Equal($"round {round} ({seeds} seeds)", await page.Locator("#race-table thead th").Nth(round).TextContentAsync());
                foreach (var decision in entry.Decisions.Where(d => d.Kind is Decision.Survive or Decision.Eliminate))
                {
                    var row = page.Locator("#race-table tbody tr").Filter(new() { Has = page.Locator($"td:first-child:text-is('{labels[decision.Subject]}')") });
                    var cell = row.Locator($"td[data-round='{round}']");
                    var out_ = decision.Kind == Decision.Eliminate;
                    Assert.Equal(out_ ? "eliminated" : "in", await cell.GetAttributeAsync("data-decision"));
                    Assert.Equal(decision.Reason, await cell.GetAttributeAsync("title"));
                    var mean = double.Parse((await cell.Locator(".race-mean").TextContentAsync())!, CultureInfo.InvariantCulture);
                    Assert.Equal(decision.Value!.Value, mean, 3);
                    var said = (await cell.Locator(".race-decision").TextContentAsync())!;
                    if (out_) Assert.StartsWith("eliminated, p ", said);
                    if (out_) Assert.Equal(decision.PValue!.Value, double.Parse(said["eliminated, p ".Length..], CultureInfo.InvariantCulture), 4);
                    // After it went out, a configuration has no cell in the later rounds.
                    if (out_)
                        for (var later = round + 1; later <= rounds.Count; later++)
                            Assert.Null(await row.Locator($"td[data-round='{later}']").GetAttributeAsync("data-decision"));
                }
            }
            var stop = rounds[^1].Entry.Decisions.Single(d => d.Kind == Decision.Stop);
            Assert.Equal($"The race ended: {stop.Reason}.", await page.Locator("#race-ending").TextContentAsync());
            await page.GotoAsync(serve.Url("/#/s/race/leaderboard"));
            await page.WaitForSelectorAsync("#leaderboard");
            Assert.Equal(1, await page.Locator(".tabs a:text-is('Race by round')").CountAsync());
        });

        using var grid = ServeProcess.Start(sweeps.GridFolder);
        await WithPage(grid, "#/s/grid/leaderboard", async page =>
        {
            await page.WaitForSelectorAsync("#leaderboard");
            Assert.Equal(0, await page.Locator(".tabs a:text-is('Race by round')").CountAsync());
        });
    }

    [BrowserFact]
    public async Task A_runs_page_shows_its_first_misclassified_test_images_and_its_confusion_matrix_or_says_why_there_are_none()
    {
        using var serve = ServeProcess.Start(race.Folder);
        var runs = (await Json(serve, "/api/sweeps/race")).GetProperty("runs").EnumerateArray().ToArray();
        // The worst run (lr 1e-6) guesses: most of its test predictions are wrong, more than a grid holds.
        var index = Array.IndexOf(runs, runs.MinBy(r => r.GetProperty("metric").GetDouble()));
        var directory = (await Json(serve, $"/api/sweeps/race/runs/{index}")).GetProperty("dir").GetString()!;
        var predictions = File.ReadAllLines(Path.Combine(race.Folder, "runs", directory, "test_predictions.csv"))
            .Skip(1).Select(l => l.Split(',')).Select(c => (Index: c[0], Label: c[1], Predicted: c[2])).ToArray();
        var wrong = predictions.Where(p => p.Label != p.Predicted).ToArray();
        var shown = wrong.Take(48).ToArray();

        await WithPage(serve, $"#/s/race/run/{index}", async page =>
        {
            await page.WaitForSelectorAsync("#misclassified .mis-cell");
            Assert.Equal(shown.Select(p => p.Index), await page.Locator("#misclassified .mis-cell").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.index)"));
            Assert.Equal(shown.Select(p => p.Label), await page.Locator("#misclassified .mis-label").AllTextContentsAsync());
            Assert.Equal(shown.Select(p => p.Predicted), await page.Locator("#misclassified .mis-predicted").AllTextContentsAsync());
            Assert.Equal(28, await page.Locator("#misclassified canvas").First.EvaluateAsync<int>("c => c.width"));
            // The pixels were drawn: a synthetic image is not blank.
            Assert.True(await page.Locator("#misclassified canvas").First.EvaluateAsync<bool>(
                "c => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).some((v, i) => i % 4 < 3 && v < 250)"));
            Assert.Contains($"{predictions.Length - wrong.Length} of {predictions.Length} right", await page.Locator("#run h2:has-text('Confusion matrix')").TextContentAsync());
        });

        using var copy = new TempFolder();
        var folder = Path.Combine(copy.Path, "race");
        ServeHttpTests.CopyFolder(race.Folder, folder);
        File.Delete(Path.Combine(folder, "runs", directory, "test_predictions.csv"));
        using var without = ServeProcess.Start(folder);
        await WithPage(without, $"#/s/race/run/{index}", async page =>
        {
            await page.WaitForSelectorAsync("#misclassified .why");
            Assert.Contains("recorded no test_predictions.csv", await page.Locator("#misclassified .why").TextContentAsync());
            Assert.Equal(0, await page.Locator("#misclassified .mis-cell").CountAsync());
        });
    }

    [BrowserFact]
    public async Task A_fashion_mnist_runs_confusion_matrix_names_its_classes_as_text()
    {
        // One short real run on Fashion-MNIST (the first 300 training and 100 test images): its classes have names.
        using var harness = new SweepHarness();
        var result = harness.Run(harness.Load("""
            name: fashion
            data: {dataset: fashion_mnist, train_limit: 300, test_limit: 100}
            model: {input: [28, 28], layers: [flatten, {dense: {units: 10, activation: softmax}}]}
            train: {optimizer: adam, epochs: 1, batch_size: 32, seed: 1, threads: 1}
            """, "fashion"));
        Assert.True(result.Unfinished.Count == 0, harness.Log.ToString());
        var names = Runner.Data.IdxDatasetFiles.FashionMnist.ClassNames;

        using var serve = ServeProcess.Start(Path.Combine(harness.Results, "fashion"));
        var confusion = (await Json(serve, "/api/sweeps/fashion/runs/0")).GetProperty("confusion");
        Assert.Equal(names, confusion.GetProperty("names").EnumerateArray().Select(n => n.GetString()!));
        await WithPage(serve, "#/s/fashion/run/0", async page =>
        {
            await page.WaitForSelectorAsync("table.confusion");
            Assert.Equal(new[] { "label \\ predicted" }.Concat(names), await page.Locator("table.confusion tr:first-child th").AllTextContentsAsync());
            Assert.Equal(names, await page.Locator("table.confusion th[scope=row]").AllTextContentsAsync());
            // Set as text: "T-shirt/top" is one text node, not markup.
            Assert.Equal(0, await page.Locator("table.confusion th *").CountAsync());
        });

        // The static report's matrix takes the same names, also when the images could not be loaded.
        var folder = Path.Combine(harness.Results, "fashion");
        var analysis = Runner.Reporting.Statistics.SweepAnalysis.Of(ResultsTable.Load(folder, _ => { }));
        var classNames = RunClassNames.Of(analysis.BestRun!.ConfigYaml, folder);
        var chart = Runner.Reporting.Charts.ChartCatalog.For(analysis, null, null, classNames).OfType<Runner.Reporting.Charts.ConfusionMatrixChart>().Single();
        Assert.Equal(names, chart.Names);
    }

    [BrowserFact]
    public async Task The_first_view_draws_every_run_of_the_best_configurations_above_the_leaderboard()
    {
        using var serve = ServeProcess.Start(sweeps.GridFolder);
        var leaderboard = (await Json(serve, "/api/sweeps/grid")).GetProperty("leaderboard").EnumerateArray().ToArray();
        await WithPage(serve, "#/s/grid", async page =>
        {
            await page.WaitForSelectorAsync("#leader-curves svg");
            Assert.Equal(leaderboard.Select(r => r.GetProperty("config").GetInt32().ToString(CultureInfo.InvariantCulture)),
                await page.Locator("#leader-curves .leader-curve").EvaluateAllAsync<string[]>("l => l.map(e => e.dataset.config)"));
            // Two configurations of two seeds, three epochs each (the grid's `epochs: 3`).
            var points = await page.Locator("#leader-curves polyline.series").EvaluateAllAsync<int[]>("l => l.map(e => Number(e.dataset.points))");
            Assert.Equal(new[] { 3, 3, 3, 3 }, points);
            await page.WaitForSelectorAsync("#leaderboard tbody tr");
        });
    }

    [BrowserFact]
    public async Task A_search_highlights_its_best_k_learning_curves_and_fades_the_other_trials()
    {
        using var serve = ServeProcess.Start(sweeps.Results);
        var leaderboard = (await Json(serve, "/api/sweeps/search")).GetProperty("leaderboard").EnumerateArray().ToArray();
        Assert.Equal(5, leaderboard.Length);
        await WithPage(serve, "#/s/search/curves", async page =>
        {
            await page.WaitForSelectorAsync("#curves-tangle svg");
            Assert.Equal(5, await page.Locator("#curves-tangle .top-curve").CountAsync());
            Assert.Equal("0", await page.GetAttributeAsync("#curves-tangle path.faded", "data-runs"));

            await page.FillAsync("#curve-topk", "2");
            // The view redraws: the third of the five highlighted goes (no string evaluated in the page: its CSP refuses eval).
            await page.Locator("#curves-tangle .top-curve").Nth(2).WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.WaitForSelectorAsync("#curves-tangle svg");
            var top = leaderboard.Take(2).Select(r => r.GetProperty("config").GetInt32().ToString(CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(top, await page.Locator("#curves-tangle .top-curve").EvaluateAllAsync<string[]>("l => l.map(e => e.dataset.config)"));
            Assert.Equal("3", await page.GetAttributeAsync("#curves-tangle path.faded", "data-runs"));
            Assert.Equal(2, await page.Locator("#curves-tangle polyline.series").CountAsync());
            Assert.All(await page.Locator("#curves-tangle polyline.series").EvaluateAllAsync<int[]>("l => l.map(e => Number(e.dataset.points))"), n => Assert.Equal(2, n));
        });
        await WithPage(serve, "#/s/grid/curves", async page =>
        {
            await page.WaitForSelectorAsync("#curve-column");
            Assert.Equal(0, await page.Locator("#curves-tangle").CountAsync());   // a grid's configurations are chosen, not faded
        });
    }
}
