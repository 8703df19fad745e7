// Opens `runner serve`'s dashboard over the generated folder in headless chromium and times, in the
// browser: the page opening to a filled runs table, a text filter, a top-k% filter, and the parallel
// coordinates opening and filtering. Usage: node measure.js URL SWEEP_KEY
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
(async () => {
  const [url, key] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const results = {};
  for (const round of [1, 2]) {
    const t0 = Date.now();
    await page.goto(`${url}#/s/${key}/runs`);
    await page.waitForSelector("#runs tbody tr");
    results[`open runs view (round ${round}), ms`] = Date.now() - t0;
  }
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
  let t0 = Date.now();
  await page.goto(`${url}#/s/${key}/parallel`);
  await page.waitForSelector("#parallel .pc-axis");
  results["open parallel coordinates, ms"] = Date.now() - t0;
  results["parallel top 5% filter, ms"] = await filter("#pc-topk", "5");
  results["  count  "] = await page.textContent("#pc-count");
  t0 = Date.now();
  await page.goto(`${url}#/s/${key}/leaderboard`);
  await page.waitForSelector("#leaderboard tbody tr");
  results["open leaderboard, ms"] = Date.now() - t0;
  t0 = Date.now();
  await page.goto(`${url}#/s/${key}/curves`);
  await page.waitForSelector("svg.chart");
  results["open learning curves (top 6), ms"] = Date.now() - t0;
  console.log(JSON.stringify(results, null, 1));
  await browser.close();
})();
