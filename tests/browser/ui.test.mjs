// Opens khabar's browser page in Debian's Chromium (driven by playwright-core), runs an example
// query, follows an entity link and checks that the entity's facts show Hindi labels and the
// sentences they came from. Usage: node ui.test.mjs BASE_URL SCREENSHOT.png
import { chromium } from "playwright-core";

const [base, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const fail = async (msg) => { console.error("FAIL: " + msg); await browser.close(); process.exit(1); };
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + "/");
  await page.getByRole("button", { name: "Who met whom" }).click();
  await page.waitForSelector("table a.entity", { timeout: 15000 });
  const rows = await page.locator("table tr").count();
  if (rows < 3) await fail(`the example query gave ${rows - 1} rows`);
  await page.locator("table a.entity").first().click();
  await page.waitForFunction(() => document.querySelector("table th") &&
    [...document.querySelectorAll("table th")].some((th) => th.textContent === "sentence"), null, { timeout: 15000 });
  const text = await page.locator("table").innerText();
  const devanagari = /[\u0900-\u097F]{3,}/;
  const cells = await page.locator("table td").allInnerTexts();
  if (!cells.some((c) => devanagari.test(c) && c.length < 40)) await fail("no Hindi label on the entity page");
  if (!cells.some((c) => devanagari.test(c) && c.length > 40)) await fail("no source sentence on the entity page");
  await page.screenshot({ path: shot, fullPage: true });
  console.log("ok: entity page with Hindi labels and source sentences; " + text.split("\n").length + " lines");
} catch (e) {
  await fail(e.message);
}
await browser.close();
