// The page evaluates in a Web Worker (docs/page.md#worker), in Debian's
// Chromium (headless, driven by playwright-core): the report of chosen
// files comes from the worker with the Node build's numbers; progress shows
// in a bar named by the status line, which says what is being read in the
// page's language; the page's thread keeps running while the worker works;
// a newer choice replaces work under way, and a job it replaces while the
// worker reads ends before it evaluates; a worker that cannot start
// leaves the work to the page's thread; the single file (file://) starts
// its worker from a Blob URL; axe-core finds nothing wrong with the bar.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";
import { NORDOST, OUTPUT, REPO, WASM_CRATE, stegvis, CHROMIUM, CHROMIUM_ARGS } from "./support.mjs";

const SINGLE = join(REPO, "target", "page", "stegvis.html");
const PROGRAMME = join(NORDOST, "programme.toml");

let server;
let data;
const profiles = [];
const problems = [];

/**
 * Enough participants for the worker to take a while and tell progress
 * several times: ids in shuffled order, genders written several ways,
 * two parameters assessed five times each.
 */
function generate(dir, participants) {
  const people = ["id,gender,birth_date,entry_date,exit_date,exit_outcome"];
  const readings = ["participant_id,date,parameter,level"];
  const day = (offset) => new Date(Date.UTC(2021, 1, 1) + offset * 86_400_000).toISOString().slice(0, 10);
  const outcomes = ["employment", "education", "job_seeking", "moved", ""];
  for (let i = 0; i < participants; i++) {
    const n = (i * 7919) % participants; // a fixed shuffle
    const entry = n % 500;
    const exits = n % 5 !== 0;
    people.push([`P${n}`, ["K", "M", "kvinna", "man", "woman"][n % 5], day(-15000 + n % 12000), day(entry),
      exits ? day(entry + 200 + (n % 200)) : "", exits ? outcomes[n % 4] : ""].join(","));
    for (let k = 0; k < 5; k++) {
      const date = day(entry + k * 40);
      readings.push(`P${n},${date},step,${Math.min(6, 1 + (n % 3) + (k > 2 ? 1 : 0))}`,
        `P${n},${date},swedish,${Math.min(5, 1 + (n % 4) + (k > 3 ? 1 : 0))}`);
    }
  }
  writeFileSync(join(dir, "participants.csv"), people.join("\n") + "\n");
  writeFileSync(join(dir, "assessments.csv"), readings.join("\n") + "\n");
  return { participants: join(dir, "participants.csv"), assessments: join(dir, "assessments.csv") };
}

async function open(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "stegvis-chromium-"));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    locale: "en-GB",
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  return { context, page };
}

async function ready(page, url) {
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
}

/** Records, in the page, the status texts and the bar's names while it works,
 * and how long the page's own thread went without running a 10 ms timer. */
const watch = (page) => page.evaluate(() => {
  const seen = { texts: [], bars: [], longestGap: 0, ticks: 0 };
  window.__seen = seen;
  let last = performance.now();
  seen.timer = setInterval(() => {
    const now = performance.now();
    seen.longestGap = Math.max(seen.longestGap, now - last);
    seen.ticks++;
    last = now;
  }, 10);
  const status = document.getElementById("status");
  const bar = document.getElementById("progress");
  seen.observer = new MutationObserver(() => {
    if (status.textContent !== seen.texts.at(-1)) seen.texts.push(status.textContent);
    const name = bar.hidden ? null : bar.getAttribute("aria-valuetext");
    if (name && name !== seen.bars.at(-1)) seen.bars.push(name);
  });
  seen.observer.observe(status, { childList: true, characterData: true, subtree: true });
  seen.observer.observe(bar, { attributes: true });
});

const seen = (page) => page.evaluate(() => {
  const s = window.__seen;
  clearInterval(s.timer);
  s.observer.disconnect();
  return { texts: s.texts, bars: s.bars, longestGap: s.longestGap, ticks: s.ticks };
});

/** Waits for the report of both tables (its parameter table shown). */
const reportShown = (page) => page.waitForFunction(() => !document.getElementById("results").hidden
  && !document.getElementById("parameters-table").parentElement.hidden
  && document.getElementById("progress").hidden, undefined, { timeout: 120_000 });

function nodeReport(options = {}, participants = data.participants) {
  return stegvis.evaluate(stegvis.Programme.fromToml(readFileSync(PROGRAMME, "utf8")), {
    participants: readFileSync(participants),
    assessments: readFileSync(data.assessments),
  }, { profile: "esf", ...options });
}

/** The goals judged without follow-ups (none are chosen) match the Node build's. */
async function checkGoals(page, expected) {
  let judged = 0;
  for (const goal of expected.goals) {
    const row = page.locator(`#goals-table tr[data-goal="${goal.id}"]`);
    if (await row.getAttribute("data-waiting")) continue;
    judged++;
    assert.equal(await row.locator('td[data-field="achieved"]').getAttribute("data-value"), String(goal.achieved), goal.id);
    assert.equal(await row.locator('td[data-field="denominator"]').getAttribute("data-value"), String(goal.denominator), goal.id);
  }
  assert.ok(judged >= 2, `${judged} goals judged`);
}

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "stegvis-worker-"));
  profiles.push(dir);
  data = generate(dir, 60_000);
  server = await serve(join(WASM_CRATE, "www"));
  execFileSync(process.execPath, [join(REPO, "scripts", "build-page.mjs"), SINGLE], { stdio: "inherit" });
});

after(async () => {
  await server?.close();
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});

test("chosen files are evaluated in the worker, with progress named by the status, the page's thread free", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", data.participants);
    await page.waitForFunction(() => /^Computed/.test(document.getElementById("status").textContent));
    assert.equal(await page.getAttribute("#results", "data-reused"), "none");
    await watch(page);
    await page.setInputFiles("#file-assessments", data.assessments);
    // The bar is a progressbar whose name is the status line's text.
    // (An accessible name has its white space, the no-break space too, made plain.)
    const bar = page.getByRole("progressbar", { name: /^Reading assessments… \d+ %$/ });
    await bar.waitFor({ state: "attached", timeout: 30_000 });
    await reportShown(page);
    const { texts, bars, longestGap, ticks } = await seen(page);
    assert.equal(await page.getAttribute("#results", "data-evaluated-in"), "worker");
    await checkGoals(page, nodeReport());
    // What the status said: the stages in order, each with its share, then the result.
    // The participants, read for the report before, are not read again
    // (docs/page.md#worker), and the status does not say they are.
    const stages = texts.map((text) => text.replace(/ \d+\u00a0%$/, ""));
    assert.equal(await page.getAttribute("#results", "data-reused"), "participants");
    // The assessments were read as the file arrived (docs/data.md#feed).
    assert.equal(await page.getAttribute("#results", "data-fed"), "assessments");
    assert.ok(stages.includes("Reading assessments…"), texts.join(" | "));
    assert.ok(!stages.includes("Reading participants…"), texts.join(" | "));
    assert.match(texts.at(-1), /^Computed 60[\u00a0 ,]000 participants in \d+ ms/);
    assert.ok(bars.length >= 2 && bars.every((b) => /^(Reading (participants|assessments)…|Computing…) \d+\u00a0%$/.test(b)), bars.join(" | "));
    // The page's own thread ran its timer all along (evaluating on it, the
    // gap was the whole evaluation).
    const ms = Number(await page.getAttribute("#results", "data-ms"));
    assert.ok(ticks >= 5, `the timer ran ${ticks} times`);
    assert.ok(longestGap < Math.max(100, ms), `the page's thread stopped for ${Math.round(longestGap)} ms (evaluation ${ms} ms)`);
    assert.equal(await page.getAttribute("#progress", "aria-labelledby"), "status");

    // In Swedish, the same progress in Swedish words.
    await page.check('input[name="lang"][value="sv"]');
    await watch(page);
    await page.fill("#as-of", "2022-12-31");
    await page.dispatchEvent("#as-of", "change");
    await page.waitForFunction(() => document.querySelector("#report-date").textContent.includes("2022-12-31")
      && document.getElementById("progress").hidden);
    const swedish = await seen(page);
    // Only the date changed: no table is read again, and the status says so.
    // The words are the catalogue's (docs/page.md#progress).
    const ui = stegvis.words("sv").ui;
    assert.ok(swedish.texts.some((text) => text.startsWith(`${ui.computing} `) && /^\S+ \d+\u00a0%$/.test(text)), swedish.texts.join(" | "));
    const reading = [ui.readingParticipants, ui.readingAssessments, ui.readingFollowUps];
    assert.ok(!swedish.texts.some((text) => reading.some((words) => text.startsWith(words))), swedish.texts.join(" | "));
    assert.match(swedish.texts.at(-1), /^Beräknade 60[\u00a0 ]000 deltagare/);
    assert.equal(await page.getAttribute("#results", "data-reused"), "tables");
    await checkGoals(page, nodeReport({ asOf: "2022-12-31" }));
  } finally {
    await context.close();
  }
});

test("axe-core finds no violation in the progress bar and status while the worker reads", async () => {
  // The test injects axe-core; the page's policy would refuse that script.
  const { context, page } = await open({ bypassCSP: true });
  try {
    await ready(page, server.url);
    await page.addScriptTag({ path: join(WASM_CRATE, "node_modules", "axe-core", "axe.min.js") });
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", data.participants);
    await page.setInputFiles("#file-assessments", data.assessments);
    await page.waitForSelector("#progress:not([hidden])");
    const checked = await page.evaluate(async () => {
      const visible = !document.getElementById("progress").hidden;
      // eslint-disable-next-line no-undef
      const result = await axe.run({ include: [["#progress"], ["#status"]] });
      return { visible, violations: result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`) };
    });
    assert.ok(checked.visible, "the bar was shown while axe-core checked it");
    assert.deepEqual(checked.violations, []);
    await reportShown(page);
  } finally {
    await context.close();
  }
});

test("a newer choice replaces the evaluation under way; a bad file gives the same clear error", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await page.setInputFiles("#file-programme", PROGRAMME);
    // Chosen at once: the participants' evaluation is replaced by that of both.
    await page.setInputFiles("#file-participants", data.participants);
    await page.setInputFiles("#file-assessments", data.assessments);
    await reportShown(page);
    await checkGoals(page, nodeReport());
    // An error found in the worker reads as before (page.test.mjs: file, row, column, code).
    const lines = readFileSync(data.participants, "utf8").split("\n");
    const cells = lines[3].split(",");
    // As long as the cell it replaces, so the file keeps its size.
    cells[1] = "Q".repeat(cells[1].length);
    lines[3] = cells.join(",");
    await page.setInputFiles("#file-participants", {
      name: "broken-participants.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")),
    });
    const error = page.locator("#error");
    await error.waitFor({ state: "visible" });
    assert.match(await error.textContent(), /broken-participants\.csv.*row 4, column gender: .*\(invalid_gender\)/);
    assert.equal(await page.isHidden("#results"), true);
    assert.equal(await page.isHidden("#progress"), true);
    // A file chosen again is a new File, read again even at the same size:
    // the worker keeps nothing of the broken one, and the first file,
    // chosen again, gives its report.
    assert.equal(lines.join("\n").length, readFileSync(data.participants, "utf8").length);
    await page.setInputFiles("#file-participants", data.participants);
    await reportShown(page);
    assert.equal(await page.getAttribute("#results", "data-reused"), "none");
    await checkGoals(page, nodeReport());
    // An error in an assessments file read as it arrives reads the same.
    const readings = readFileSync(data.assessments, "utf8").split("\n");
    const bad = readings[40_000].split(",");
    bad[1] = "2021-02-30";
    readings[40_000] = bad.join(",");
    await page.setInputFiles("#file-assessments", {
      name: "broken-assessments.csv", mimeType: "text/csv", buffer: Buffer.from(readings.join("\n")),
    });
    await error.waitFor({ state: "visible" });
    assert.match(await error.textContent(), /broken-assessments\.csv.*row 40[\u00a0 ,]?001, column date: .*\(invalid_date\)/);
    await page.setInputFiles("#file-assessments", data.assessments);
    await reportShown(page);
    assert.equal(await page.getAttribute("#results", "data-fed"), "assessments");
    await checkGoals(page, nodeReport());
  } finally {
    await context.close();
  }
});

test("a choice made while the worker reads ends the job it replaces before that job evaluates", async () => {
  // The participants and a million more without assessments, so that the
  // worker is still reading them when the assessments are chosen.
  const many = join(dirname(data.participants), "many-participants.csv");
  const more = Array.from({ length: 1_000_000 }, (_, i) => `X${i},${["K", "M"][i % 2]},1980-01-01,2021-03-01,,`);
  writeFileSync(many, readFileSync(data.participants, "utf8") + more.join("\n") + "\n");
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", many);
    // A share above 0 % is told while the worker reads the rows.
    await page.waitForFunction(() => /^Reading participants… [1-9]/.test(document.getElementById("status").textContent));
    await page.setInputFiles("#file-assessments", data.assessments);
    await reportShown(page);
    // The participants' job was told it is stale while it read: it kept
    // what it read, which the newer job used, and evaluated nothing.
    assert.equal(await page.getAttribute("#results", "data-skipped"), "1");
    assert.equal(await page.getAttribute("#results", "data-reused"), "participants");
    await checkGoals(page, nodeReport({}, many));
  } finally {
    await context.close();
  }
});

test("a worker that cannot start leaves the work to the page's thread", async () => {
  const { context, page } = await open();
  try {
    await page.route("**/worker.js", (route) => route.abort());
    await ready(page, server.url);
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", data.participants);
    await page.setInputFiles("#file-assessments", data.assessments);
    await reportShown(page);
    assert.equal(await page.getAttribute("#results", "data-evaluated-in"), "page");
    await checkGoals(page, nodeReport());
    // The failed load of worker.js is what this test makes happen.
    const mine = problems.filter((p) => /worker\.js|Failed to load/.test(p));
    for (const p of mine) problems.splice(problems.indexOf(p), 1);
  } finally {
    await context.close();
  }
});

test("the single file from file:// evaluates in a worker started from a Blob URL", async () => {
  const { context, page } = await open();
  try {
    await ready(page, pathToFileURL(SINGLE).href);
    await page.setInputFiles("#file-programme", PROGRAMME);
    await page.setInputFiles("#file-participants", data.participants);
    await page.setInputFiles("#file-assessments", data.assessments);
    await reportShown(page);
    assert.equal(await page.getAttribute("#results", "data-evaluated-in"), "worker");
    await checkGoals(page, nodeReport());
  } finally {
    await context.close();
  }
});

test("no page error or console error", () => {
  assert.deepEqual(problems, []);
});
