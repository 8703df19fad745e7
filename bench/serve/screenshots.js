// Screenshots of `runner serve` for the docs: node screenshots.js URL OUT_DIR "name=#/hash" ...
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
(async () => {
  const [url, out, ...shots] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  for (const shot of shots) {
    const [name, hash] = shot.split("=");
    await page.goto(url + hash);
    await page.waitForFunction(() => document.querySelector("#app").dataset.rendered);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}.png` });
  }
  await browser.close();
})();
