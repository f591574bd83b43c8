// The page on realistic exports (docs/page.md#worker): how long from
// choosing the files to the report on screen, and whether the page stays
// responsive while it works. Not a test (timings vary by machine); run it
// after scripts/build-wasm.sh and scripts/build-page.mjs on data written by
// benches/peers/generate.py (shuffled rows, text ids, mixed labels, messy
// genders, duplicates, rows outside the window: benches/peers/README.md#data):
//
//   .venv/bin/python benches/peers/generate.py 100000 /tmp/page100k
//   node crates/wasm/tests/perf/measure-files.mjs /tmp/page100k [--runs 3] [--page served|file]
//
// Each run starts from a cleared page and times, in Chromium's clock, four
// things, best of the runs:
//   1. `allFiles`: the programme, participants and assessments files set on
//      their inputs one after another, to the report (with its parameter
//      table, so with the assessments) on screen;
//   2. `dropped`: the three files dropped at once, to the report;
//   3. `lastFile`: with the programme and participants already shown, the
//      assessments file set, to the report on screen (the figure
//      measure-page.mjs gives for clean data);
//   4. `dateChanged`: then another as-of date, to its report on screen.
// The worker keeps what it read from a file as chosen (docs/page.md#worker);
// each choice is a new one, read afresh.
// While the page works, a timer that should fire every 10 ms and
// requestAnimationFrame record the main thread's longest gaps, and a
// MutationObserver the progress the page shows (its status text and its
// <progress> element). `--runs 1` on 1 000 000 participants is the
// responsiveness check.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

import { serve } from "../serve.mjs";
import { OUTPUT, REPO, WASM_CRATE } from "../support.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const RUNS = Number(option("runs", 3));
const PAGE = option("page", "served");
const DATA = resolve(args[0] ?? "/tmp/page100k");
const PROGRAMME = join(REPO, "benches", "peers", "programme.toml");
const PARTICIPANTS = join(DATA, "participants.csv");
const ASSESSMENTS = join(DATA, "assessments.csv");
if (!existsSync(PARTICIPANTS)) throw new Error(`${PARTICIPANTS}: generate it with benches/peers/generate.py`);

const root = mkdtempSync(join(tmpdir(), "stegvis-perf-files-"));
let server;
let url;
if (PAGE === "file") {
  const single = process.env.STEGVIS_PAGE ?? join(REPO, "target", "page", "stegvis.html");
  if (!existsSync(single)) throw new Error(`${single}: run node scripts/build-page.mjs`);
  url = pathToFileURL(single).href;
} else {
  const site = join(root, "site");
  // STEGVIS_WWW: another build of the page (say, the one before a change).
  cpSync(process.env.STEGVIS_WWW ?? join(WASM_CRATE, "www"), site, { recursive: true });
  server = await serve(site);
  url = server.url;
}

const context = await chromium.launchPersistentContext(join(root, "profile"), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1366, height: 768 },
  locale: "sv-SE",
});

/** Starts watching the main thread and the progress the page shows. */
const watch = (page) => page.evaluate(() => {
  const w = { started: performance.now(), timerGap: 0, frameGap: 0, texts: [], values: 0, end: null };
  window.__watch = w;
  let last = performance.now();
  w.timer = setInterval(() => {
    const now = performance.now();
    w.timerGap = Math.max(w.timerGap, now - last);
    last = now;
  }, 10);
  let frame = performance.now();
  const tick = (now) => {
    w.frameGap = Math.max(w.frameGap, now - frame);
    frame = now;
    if (w.end === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const status = document.getElementById("status");
  const bar = document.getElementById("progress");
  w.observer = new MutationObserver(() => {
    const text = status.textContent;
    if (text !== w.texts.at(-1)) w.texts.push(text);
    if (bar && !bar.hidden) w.values++;
  });
  w.observer.observe(status, { childList: true, characterData: true, subtree: true });
  if (bar) w.observer.observe(bar, { attributes: true });
});

/** Waits for the report with its parameter table (as of `date`, when
 * given), then stops watching. */
async function reportShown(page, name, date = null) {
  await page.waitForFunction(([file, date]) => {
    const shown = !document.getElementById("results").hidden
      && document.getElementById("loaded").textContent.includes(file)
      && !document.getElementById("parameters-table").parentElement.hidden
      && (date === null || document.getElementById("report-date").textContent.includes(date))
      && /^(Computed|Beräknade)/.test(document.getElementById("status").textContent);
    if (shown && window.__watch.end === null) window.__watch.end = performance.now();
    return shown;
  }, [name, date], { timeout: 600_000, polling: "raf" });
  return page.evaluate(() => {
    const w = window.__watch;
    clearInterval(w.timer);
    w.observer.disconnect();
    return {
      ms: Math.round(w.end - w.started),
      longestTimerGapMs: Math.round(w.timerGap),
      longestFrameGapMs: Math.round(w.frameGap),
      statusTexts: w.texts,
      progressUpdates: w.values,
      evaluateMs: Number(document.getElementById("results").dataset.ms),
      // Reading the files in the worker, and the page's render of the report.
      readFilesMs: Number(document.getElementById("results").dataset.readMs ?? NaN),
      // Of evaluateMs, the core's reading of the tables (the rest evaluates).
      parseMs: Number(document.getElementById("results").dataset.parseMs ?? NaN),
      // What the worker read before and did not read again (docs/page.md#worker).
      reused: document.getElementById("results").dataset.reused,
      // Jobs the worker ended unevaluated since it started, a newer choice made.
      skipped: document.getElementById("results").dataset.skipped,
      renderMs: Math.round(performance.getEntriesByName("stegvis-render").at(-1)?.duration ?? NaN),
    };
  });
}

const best = (runs, key) => Math.min(...runs.map((r) => r[key]));
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
  const allFiles = [];
  const lastFile = [];
  const dropped = [];
  const dateChanged = [];
  for (let run = 0; run < RUNS; run++) {
    await page.click("#clear");
    await watch(page);
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", PARTICIPANTS);
    await page.setInputFiles("#file-assessments", ASSESSMENTS);
    allFiles.push(await reportShown(page, basename(ASSESSMENTS)));

    // The three files dropped at once: one evaluation, which reads the
    // participants while the browser still reads the assessments file.
    await page.click("#clear");
    await page.evaluate(() => {
      const input = Object.assign(document.createElement("input"), { type: "file", multiple: true, id: "perf-drop", hidden: true });
      document.body.append(input);
    });
    await page.setInputFiles("#perf-drop", [PROGRAMME, PARTICIPANTS, ASSESSMENTS]);
    await watch(page);
    await page.evaluate(() => {
      const input = document.getElementById("perf-drop");
      const transfer = new DataTransfer();
      for (const file of input.files) transfer.items.add(file);
      input.remove();
      document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
    });
    dropped.push(await reportShown(page, basename(ASSESSMENTS)));

    await page.click("#clear");
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", PARTICIPANTS);
    await page.waitForFunction(() => /^(Computed|Beräknade)/.test(document.getElementById("status").textContent),
      undefined, { timeout: 600_000 });
    await watch(page);
    await page.setInputFiles("#file-assessments", ASSESSMENTS);
    lastFile.push(await reportShown(page, basename(ASSESSMENTS)));

    // Another date: every table is kept, only the evaluation runs.
    const date = `2022-0${1 + (run % 9)}-28`;
    await watch(page);
    // fill() fires the input's change event itself: one more would start
    // a second evaluation that the first must wait for.
    await page.fill("#as-of", date);
    dateChanged.push(await reportShown(page, basename(ASSESSMENTS), date));
    console.error(`run ${run + 1}: all files ${allFiles.at(-1).ms} ms, dropped ${dropped.at(-1).ms} ms, last file ${lastFile.at(-1).ms} ms, another date ${dateChanged.at(-1).ms} ms`);
  }
  const result = {
    data: DATA,
    page: PAGE,
    csvMegabytes: Number(((await import("node:fs")).statSync(PARTICIPANTS).size / 1e6
      + (await import("node:fs")).statSync(ASSESSMENTS).size / 1e6).toFixed(1)),
    enrolled: await page.evaluate(() => document.getElementById("status").textContent),
    allFilesBestMs: best(allFiles, "ms"),
    lastFileBestMs: best(lastFile, "ms"),
    droppedBestMs: best(dropped, "ms"),
    dateChangedBestMs: best(dateChanged, "ms"),
    allFiles,
    lastFile,
    dropped,
    dateChanged,
    chromium: context.browser()?.version() ?? "(persistent context)",
  };
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(join(OUTPUT, `perf-files-${basename(DATA)}-${PAGE}.json`), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
} finally {
  await context.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
}
