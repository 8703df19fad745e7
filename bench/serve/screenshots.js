// Screenshots of `runner serve` for the docs: node screenshots.js URL OUT_DIR "name=#/hash" ...
// ("name=#/hash@selector" takes only that element, e.g. a run page's #misclassified)
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
(async () => {
  const [url, out, ...shots] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (const shot of shots) {
    const [name, target] = shot.split(/=(.*)/s);
    const [hash, selector] = target.split("@");
    await page.goto(url + hash);
    await page.waitForFunction(() => document.querySelector("#app").dataset.rendered);
    if (selector) await page.waitForSelector(selector + " canvas, " + selector + " svg, " + selector + " table");
    await page.waitForTimeout(300);
    if (selector) await page.locator(selector).screenshot({ path: `${out}/${name}.png` });
    else await page.screenshot({ path: `${out}/${name}.png` });
  }
  await browser.close();
})();
