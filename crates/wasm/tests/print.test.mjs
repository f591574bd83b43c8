// The printable report in Chromium (docs/report.md#printable-report): the
// Nordost document, as `report.toHtml` writes it, laid out for print at the
// width of A4's printable area, then printed to PDF; and the page's "Print /
// Save as PDF" button, which prints the same document from a hidden frame.
// PDFs and screenshots go to test-output/wasm/.
//
// The page count is derived, not pinned: A4 is 210 × 297 mm and the
// document's @page margins are 14 mm at the sides and 16 mm at top and
// bottom, so the printable area is 182 × 265 mm = 687.9 × 1001.6 CSS px
// (96 px per inch). Laid out at that width, a document H px tall needs at
// least ⌈H / 1001.6⌉ pages. Breaks are avoided inside table rows and
// figures and after headings, so a page can end early by at most the
// tallest such block B (a figure, or a heading with what follows it): every
// page but the last holds at least 1001.6 − B px, so at most
// ⌈H / (1001.6 − B)⌉ + 1 pages.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";
import { NORDOST, OUTPUT, WASM_CRATE, stegvis, CHROMIUM, CHROMIUM_ARGS, pageExampleReport, readExample } from "./support.mjs";

const MM = 96 / 25.4;
const WIDTH = Math.floor(182 * MM); // 687 px: the printable width
const HEIGHT = 265 * MM; // 1001.6 px

let server;
let context;
let profile;
const problems = [];
const requests = [];

const read = readExample;

const nordost = pageExampleReport;

/** The number of pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pageCount = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await serve(join(WASM_CRATE, "www"));
  profile = mkdtempSync(join(tmpdir(), "stegvis-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    locale: "en-GB",
  });
  // The print dialog itself is the browser's: record that the page asked for it.
  await context.addInitScript(() => {
    window.print = () => {
      window.top.document.documentElement.dataset.printCalled = String(window !== window.top);
    };
  });
  context.on("request", (request) => requests.push(request.url()));
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Lays `html` out for print at the printable width and checks what must hold on paper. */
async function checkPrintLayout(page, html, name) {
  await page.setViewportSize({ width: WIDTH, height: Math.round(HEIGHT) });
  await page.setContent(html, { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });
  const layout = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = [];
    for (const el of document.querySelectorAll(".table-wrap, table, figure, svg, h1, h2, h3, h4, p, dl")) {
      const box = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 0.5 || box.right > root.clientWidth + 0.5) {
        wide.push(`${el.tagName.toLowerCase()}.${el.className?.baseVal ?? el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    const visible = (el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.display !== "none" && style.visibility !== "hidden" && box.width > 0 && box.height > 0;
    };
    const heights = (selector) => [...document.querySelectorAll(selector)].map((el) => el.getBoundingClientRect().height);
    return {
      bodyScroll: document.body.scrollWidth,
      rootScroll: root.scrollWidth,
      rootClient: root.clientWidth,
      height: root.scrollHeight,
      wide,
      closedDetails: document.querySelectorAll("details:not([open])").length,
      controls: [...document.querySelectorAll("button, input, select, textarea, details, script")].filter(visible).length,
      tallestBlock: Math.max(0, ...heights("figure, tr")) + Math.max(0, ...heights("h2, h3, h4")),
      tables: document.querySelectorAll("table").length,
      badgeBorders: [...document.querySelectorAll(".badge")].map((b) => getComputedStyle(b).borderTopStyle),
    };
  });
  assert.deepEqual(layout.wide, [], `${name}: nothing wider than the printable area`);
  assert.ok(layout.rootScroll <= layout.rootClient, `${name}: the page does not scroll sideways`);
  assert.ok(layout.bodyScroll <= layout.rootClient, `${name}: body ${layout.bodyScroll} > ${layout.rootClient}`);
  assert.equal(layout.closedDetails, 0, `${name}: every section open`);
  assert.equal(layout.controls, 0, `${name}: no control`);
  // Badges keep a visible border in print (a goal's status reads without colour).
  assert.ok(layout.badgeBorders.length > 0 && layout.badgeBorders.every((s) => s !== "none"), name);
  await page.screenshot({ path: join(OUTPUT, `print-${name}.png`), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(OUTPUT, `print-${name}.pdf`), pdf);
  const pages = pageCount(pdf);
  const least = Math.ceil(layout.height / HEIGHT);
  const most = Math.ceil(layout.height / (HEIGHT - layout.tallestBlock)) + 1;
  assert.ok(pages >= least && pages <= most,
    `${name}: ${pages} pages, expected ${least}–${most} (height ${layout.height} px, tallest block ${layout.tallestBlock} px)`);
  // And whatever the layout: the whole report, never a page per table.
  assert.ok(pages >= 6 && pages < layout.tables, `${name}: ${pages} pages for ${layout.tables} tables`);
  // Every page A4: 210 × 297 mm = 595.3 × 841.9 points (Chromium writes 594.96 × 841.92).
  const boxes = pdf.toString("latin1").match(/\/MediaBox\s*\[[^\]]*\]/g) ?? [];
  assert.equal(boxes.length, pages, `${name}: a media box per page`);
  for (const box of boxes) {
    const [, , w, h] = box.replace(/^\/MediaBox\s*\[/, "").replace("]", "").trim().split(/\s+/).map(Number);
    assert.ok(Math.abs(w - 595.3) < 1 && Math.abs(h - 841.9) < 1, `${name}: ${box}`);
  }
  return { pages, least, most, layout };
}

test("the Nordost document prints on A4 with nothing cut off, in both languages and suppressed", async () => {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  const report = nordost();
  const results = {};
  for (const [name, html] of [
    ["en", report.toHtml("en")],
    ["sv", report.toHtml("sv")],
    ["sv-publishable", report.suppress(5).toHtml("sv")],
  ]) {
    results[name] = await checkPrintLayout(page, html, name);
  }
  console.log(Object.entries(results)
    .map(([k, v]) => `${k}: ${v.pages} pages (derived range ${v.least}–${v.most}, height ${v.layout.height} px)`)
    .join("; "));
  await page.close();
  assert.deepEqual(problems, []);
});

test("the page's print button prints the core's document of the report it shows", async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // A blocked inline stylesheet (Content-Security-Policy) is a console error.
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  await page.click('input[name="lang"][value="sv"]');
  await page.click("#print-report");
  await page.waitForSelector("body[data-printed=true]", { timeout: 10_000 });
  // print() was called in the frame, not on the page.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.printCalled), "true");
  const srcdoc = await page.$eval("#print-frame", (frame) => frame.srcdoc);
  assert.equal(srcdoc, nordost().toHtml("sv"), "the document the Node build writes");
  // The page's Content-Security-Policy lets the document's stylesheet (and
  // only it) apply: its hash is in style-src.
  const style = srcdoc.slice(srcdoc.indexOf("<style>") + "<style>".length, srcdoc.indexOf("</style>"));
  const hash = createHash("sha256").update(style, "utf8").digest("base64");
  const csp = readFileSync(join(WASM_CRATE, "www", "index.html"), "utf8");
  assert.ok(csp.includes(`'sha256-${hash}'`), `style-src must list 'sha256-${hash}'`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, "the print frame");
  assert.equal(await frame.$eval("table", (t) => getComputedStyle(t).borderCollapse), "collapse");
  assert.equal(await frame.$eval("h2", (h) => h.textContent), stegvis.words("sv").section.enrolment);
  // The publishable switch: the frame prints the shown copy.
  await page.click("#publishable");
  await page.click("#print-report");
  await page.waitForFunction(() => document.querySelector("#print-frame")?.srcdoc.includes("Publicerbar version"));
  assert.equal(await page.$eval("#print-frame", (f) => f.srcdoc), nordost().suppress().toHtml("sv"));
  assert.deepEqual(errors, []);
  // Printed to PDF like the document itself.
  const printed = await context.newPage();
  await checkPrintLayout(printed, srcdoc, "page-button-sv");
  await printed.close();
  await page.close();
  // Nothing left 127.0.0.1.
  const outside = requests.filter((url) => !/^(http:\/\/127\.0\.0\.1[:/]|about:|data:|blob:)/.test(url));
  assert.deepEqual(outside, []);
});

test("printing the page itself shows the report without controls, every section open", async () => {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  await page.setViewportSize({ width: WIDTH, height: Math.round(HEIGHT) });
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await page.emulateMedia({ media: "print" });
  const shown = await page.evaluate(() => {
    const visible = (el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.display !== "none" && style.visibility !== "hidden" && box.width > 0 && box.height > 0;
    };
    return {
      controls: [...document.querySelectorAll("button, input, select, .inputs, .downloads")].filter(visible).length,
      closed: document.querySelectorAll("#results details:not([open])").length,
      results: visible(document.querySelector("#results")),
    };
  });
  assert.deepEqual(shown, { controls: 0, closed: 0, results: true });
  await page.screenshot({ path: join(OUTPUT, "print-page-itself.png"), fullPage: true });
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.ok(await page.evaluate(() => document.querySelectorAll("#results details:not([open])").length) > 0,
    "folded again after printing");
  await page.close();
});
