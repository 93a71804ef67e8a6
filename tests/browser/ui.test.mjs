// Opens khabar's browser UI in Debian's Chromium (driven by playwright-core): asks a Hindi
// question on the front page and follows an answer to its sentence, checks the front page's
// latest records, most connected entities and drawing, opens the answer's SPARQL in the query
// pane; runs an example query, follows an entity link, and checks the entity page (Hindi label,
// facts with their source sentences, the neighbourhood drawing, the articles), the search box
// and the timeline.
// Screenshots go to OUT_DIR. Usage: node ui.test.mjs BASE_URL OUT_DIR
import { chromium } from "playwright-core";

const [base, outDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
const fail = async (msg) => { console.error("FAIL: " + msg); await browser.close(); process.exit(1); };
const devanagari = /[\u0900-\u097F]{3,}/;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // (a question khabar cannot read is answered 422 by design: Chromium logs that response)
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes("status of 422")) errors.push(m.text()); });
  await page.goto(base + "/");

  // the front page: a Hindi question, its answers with their sources
  await page.fill("#question", "राजनाथ सिंह किससे मिले?");
  await page.click("#ask");
  await page.waitForSelector("table.answers a.entity", { timeout: 15000 });
  const answered = await page.locator("table.answers tr td:first-child a.entity").allInnerTexts();
  if (!answered.some((a) => a.includes("Belousov"))) await fail("the answers to whom Rajnath Singh met: " + answered.join(", "));
  await page.waitForSelector("#latest-list li", { timeout: 15000 });
  if ((await page.locator("#connected a.entity").count()) < 3) await fail("the front page lists few connected entities");
  await page.waitForSelector("#home-hood svg#hood a.node", { timeout: 15000 });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${outDir}/ui-home.png`, fullPage: true });
  // an answer's source leads to its sentence, marked in its article
  const source = page.locator("table.answers a.sentence-link").first();
  const sentence = (await source.innerText()).trim();
  await source.click();
  await page.waitForSelector("#sentences li.hit", { timeout: 15000 });
  const marked = (await page.locator("#sentences li.hit").innerText()).trim();
  if (marked !== sentence) await fail(`the sentence marked in the article is not the answer's: ${marked} / ${sentence}`);
  // the answer's SPARQL opens in the query pane and runs there
  await page.goBack();
  await page.waitForSelector("#answer-sparql", { timeout: 15000 });
  await page.locator("#answer-sparql summary").click();
  await page.click("#edit-sparql");
  await page.waitForSelector("textarea#q", { timeout: 15000 });
  if (!(await page.inputValue("textarea#q")).includes("kh:met")) await fail("the query pane did not get the answer's SPARQL");
  // a question khabar cannot read says what it understood
  await page.goto(base + "/#/ask?q=" + encodeURIComponent("गाजा में मौसम कैसा है?"));
  await page.waitForSelector("#answers.not-understood", { timeout: 15000 });

  // the query page: an example runs and its entities are links
  await page.goto(base + "/#/query");
  await page.getByRole("button", { name: "Who met whom" }).click();
  await page.waitForSelector("table.results a.entity", { timeout: 15000 });
  const rows = await page.locator("table.results tr").count();
  if (rows < 3) await fail(`the example query gave ${rows - 1} rows`);
  await page.screenshot({ path: `${outDir}/ui-query.png`, fullPage: true });
  // the results download as CSV, and the page's address is a link to the query
  const csvHref = await page.locator("a.download", { hasText: "csv" }).getAttribute("href");
  const csv = await page.request.get(new URL(csvHref, base + "/").href);
  if (!(csv.headers()["content-type"] || "").startsWith("text/csv")) await fail("the CSV link gives " + csv.headers()["content-type"]);
  if ((await csv.text()).trim().split("\n").length !== rows) await fail("the CSV download has another row count");
  const permalink = page.url();
  if (!permalink.includes("#/?q=")) await fail("the address is not a link to the query: " + permalink);
  const again = await browser.newPage();
  await again.goto(permalink);
  await again.waitForSelector("table.results a.entity", { timeout: 15000 });
  if ((await again.locator("table.results tr").count()) !== rows) await fail("the query link gives other results");
  await again.close();

  // the entity page: Hindi label, facts with sentences, drawing, articles
  const person = page.locator("table.results a.entity[href*='/person/']").first();
  await person.click();
  await page.waitForSelector("#entity-title", { timeout: 15000 });
  await page.waitForSelector("#facts td.sentence", { timeout: 15000 });
  const title = await page.locator("#entity-title .hi").innerText();
  if (!devanagari.test(title)) await fail(`the entity page's title is not in Hindi: ${title}`);
  const sentences = await page.locator("#facts td.sentence").allInnerTexts();
  if (!sentences.some((c) => devanagari.test(c) && c.length > 40)) await fail("no source sentence among the facts");
  const nodes = await page.locator("svg#hood a.node").count();
  if (nodes < 2) await fail(`the neighbourhood drawing has ${nodes} nodes`);
  const articles = await page.locator("#articles li").count();
  if (articles < 1) await fail("no article listed on the entity page");
  // its meetings and deals, each with the other parties linked (fetched in a second query)
  await page.waitForSelector("#records td:nth-child(4) a.entity", { timeout: 15000 }).catch(() => {});
  const partners = await page.locator("#records td:nth-child(4) a.entity").count();
  if (partners < 1) await fail("no other party linked in the entity's meetings and deals");
  await page.evaluate(() => document.fonts.ready);
  const fontOk = await page.evaluate(() => document.fonts.check("16px khabar-devanagari", "राजनाथ सिंह"));
  if (!fontOk) await fail("the Devanagari font did not load");
  await page.screenshot({ path: `${outDir}/ui.png`, fullPage: true });

  // a neighbour in the drawing leads to its own page
  await page.locator("svg#hood a.node").first().click();
  await page.waitForFunction((t) => {
    const h = document.querySelector("#entity-title .hi, #view h2");
    return h && h.textContent !== t;
  }, title, { timeout: 15000 });

  // the search box finds an entity by a Hindi or English name
  await page.fill("#find", "Rajnath");
  await page.waitForSelector("#found li a.entity", { timeout: 15000 });
  await page.locator("#found li a.entity").first().click();
  await page.waitForFunction(() => (document.querySelector("#entity-title .hi") || {}).textContent === "राजनाथ सिंह",
    null, { timeout: 15000 });

  // the timeline: dated meetings and deals, drawn and listed
  await page.locator("#nav-timeline").click();
  await page.waitForSelector(".timeline-figure a.event circle", { timeout: 15000 });
  const events = await page.locator(".timeline-list tr").count();
  if (events < 3) await fail(`the timeline lists ${events - 1} events`);
  await page.screenshot({ path: `${outDir}/ui-timeline.png`, fullPage: true });

  if (errors.length) await fail("errors in the page: " + errors.join("; "));
  console.log(`ok: ${answered.length} answers to a Hindi question, followed to its sentence; ${rows - 1} meetings, entity "${title}" with ${sentences.length} facts, ${nodes} neighbours, ` +
    `${articles} articles; timeline of ${events - 1} events`);
} catch (e) {
  await fail(e.message);
}
await browser.close();
