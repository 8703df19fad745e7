// Opens `runner serve`'s dashboard over the generated folder in headless chromium and times, in the
// browser: each view opened in a fresh page (to its first filled table or chart), the filters, and a
// live update (runs.csv touched: the server reloads the sweep, re-reading only changed runs, and the
// page redraws). Usage: node measure.js URL SWEEP_KEY SWEEP_FOLDER
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const fs = require("fs");
(async () => {
  const [url, key, folder] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const results = {};
  const open = async (name, hash, selector) => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = Date.now();
    await page.goto(`${url}#/s/${key}/${hash}`);
    await page.waitForSelector(selector);
    results[`open ${name}, ms`] = Date.now() - t0;
    return page;
  };
  for (const round of [1, 2, 3]) (await open(`leaderboard (first view, round ${round})`, "leaderboard", "#leaderboard tbody tr")).close();
  const page = await open("runs view", "runs", "#runs tbody tr");
  const filter = async (selector, value) => page.evaluate(([s, v]) => {
    const input = document.querySelector(s);
    const t = performance.now();
    input.value = v;
    input.dispatchEvent(new Event("input"));
    return performance.now() - t;
  }, [selector, value]);
  results["text filter 'units=51', ms"] = await filter("#run-filter", "units=51");
  results["  count"] = await page.textContent("#run-count");
  results["clear filter, ms"] = await filter("#run-filter", "");
  results["top 10% filter, ms"] = await filter("#run-topk", "10");
  results["  count "] = await page.textContent("#run-count");

  // A live update: the sweep's runs.csv changes; the page redraws with the new version.
  const before = await page.evaluate(() => document.querySelector("#app").dataset.rendered);
  const t0 = Date.now();
  const now = new Date();
  fs.utimesSync(`${folder}/runs.csv`, now, now);
  await page.waitForFunction(b => document.querySelector("#app").dataset.rendered !== b, before, { timeout: 60000 });
  results["live update (runs.csv touched) to redrawn page, ms"] = Date.now() - t0;

  await page.goto(`${url}#/s/${key}/parallel`);
  await page.waitForSelector("#parallel .pc-axis");
  results["parallel top 5% filter, ms"] = await filter("#pc-topk", "5");
  results["  count  "] = await page.textContent("#pc-count");
  await page.close();
  (await open("parallel coordinates", "parallel", "#parallel .pc-axis")).close();
  (await open("learning curves (a search: best 5, the rest faded)", "curves", "#app svg.chart")).close();
  (await open("a run's page", "run/0", "#run-curves svg.chart")).close();
  console.log(JSON.stringify(results, null, 1));
  await browser.close();
})();
