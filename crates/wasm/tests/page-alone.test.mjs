// The page used alone by a coordinator (docs/page.md), in Debian's Chromium
// (headless, driven by playwright-core): a half-loaded data set judges
// nothing, goals by gender with the gap and unknowns, unique headings, the
// publishable switch's visible explanation, the templates and the column
// guide, accessibility (axe-core: no violation at 1366 and 390 px, in both
// languages), the single file opened from file://, and the served page's
// note when opened from disk. Screenshots go to test-output/wasm/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";
import { NORDOST, OUTPUT, REPO, WASM_CRATE, stegvis, CHROMIUM, CHROMIUM_ARGS, pageExampleReport, readExample } from "./support.mjs";

const AXE = join(WASM_CRATE, "node_modules", "axe-core", "axe.min.js");
const TEMPLATES = join(REPO, "examples", "templates");
const SINGLE = join(REPO, "target", "page", "stegvis.html");

let server;
let browser;
const profiles = [];
const problems = [];

const read = readExample;

const nodeReport = pageExampleReport;

/** A fresh browser context (its own profile); `options` as playwright's. */
async function open(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "stegvis-chromium-"));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    locale: "en-GB",
    acceptDownloads: true,
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

async function loadExample(page) {
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  await page.waitForSelector("#goals-table tbody tr");
}

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  server = await serve(join(WASM_CRATE, "www"));
  // The single file, built as scripts/test-wasm.sh builds it.
  execFileSync(process.execPath, [join(REPO, "scripts", "build-page.mjs"), SINGLE], { stdio: "inherit" });
});

after(async () => {
  await server?.close();
  for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
});

test("a half-loaded Nordost says which file is missing and judges nothing that needs it", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    const file = (name) => ({ name, mimeType: "text/plain", buffer: Buffer.from(read(name)) });
    await page.setInputFiles("#file-programme", file("programme.toml"));
    await page.setInputFiles("#file-participants", file("participants.csv"));
    await page.waitForSelector("#results:not([hidden])");
    await page.waitForSelector("#goals-table tbody tr");
    const T = stegvis.words("en");
    // closer, progression and newly_arrived use `improved`; retention a
    // `follow_up` (examples/nordost/programme.toml); the programme has
    // parameters and follow-up horizons.
    const missing = await page.locator("#missing-note p").evaluateAll((ps) => ps.map((p) => [p.dataset.table, p.textContent]));
    assert.deepEqual(missing, [["assessments", T.ui.missingAssessments], ["followUps", T.ui.missingFollowUps]]);
    assert.equal(await page.isVisible("#missing-note"), true);
    // Said before any goal.
    assert.equal(await page.evaluate(() =>
      Boolean(document.querySelector("#missing-note").compareDocumentPosition(document.querySelector("#goals-table"))
        & Node.DOCUMENT_POSITION_FOLLOWING)), true);
    const waiting = { closer: "assessments", progression: "assessments", retention: "followUps", newly_arrived: "assessments" };
    for (const [goal, table] of Object.entries(waiting)) {
      const row = page.locator(`#goals-table tr[data-goal="${goal}"]`);
      assert.equal(await row.getAttribute("data-waiting"), table, goal);
      const status = row.locator('td[data-field="status"]');
      assert.equal(await status.getAttribute("data-value"), "waiting");
      assert.equal(await status.textContent(),
        table === "assessments" ? T.ui.waitingAssessments : T.ui.waitingFollowUps);
      for (const field of ["achieved", "denominator", "unknown", "share", "ci"]) {
        assert.equal(await row.locator(`td[data-field="${field}"]`).textContent(), "–", `${goal} ${field}`);
      }
    }
    // No judgement anywhere: no badge, no bar, no goal by gender, no
    // parameter or follow-up table, no download of a half report.
    assert.equal(await page.locator("#goals-table .badge").count(), 0);
    assert.equal(await page.locator("#goals-chart svg rect.bar").count(), 0);
    assert.equal(await page.locator("#goals-gender-table tbody tr").count(), 0);
    assert.equal(await page.isVisible("#parameters-table"), false);
    assert.equal(await page.textContent('p.waiting[data-for="parameters-table"]'), T.ui.waitingAssessments);
    assert.equal(await page.isVisible("#follow-ups-table"), false);
    assert.equal(await page.textContent('p.waiting[data-for="follow-ups-table"]'), T.ui.waitingFollowUps);
    assert.equal(await page.isVisible("#download-json"), false);
    // Nor in the sections that repeat the goals: breakdowns and the trend.
    assert.equal(await page.locator("#breakdowns tr[data-goal]").count(), 0);
    assert.equal(await page.locator("#breakdowns tr[data-parameter]").count(), 0);
    assert.equal(await page.locator("#trend table[data-goal]").count(), 0);
    await page.screenshot({ path: join(OUTPUT, "page-half-loaded.png"), fullPage: true });

    // The assessments arrive: retention still waits for the follow-ups.
    await page.setInputFiles("#file-assessments", file("assessments.csv"));
    await page.waitForFunction(() => document.querySelectorAll("#missing-note p").length === 1);
    assert.equal(await page.getAttribute("#missing-note p", "data-table"), "followUps");
    assert.equal(await page.getAttribute('#goals-table tr[data-goal="retention"] td[data-field="status"]', "data-value"), "waiting");
    assert.notEqual(await page.getAttribute('#goals-table tr[data-goal="closer"] td[data-field="status"]', "data-value"), "waiting");
    assert.equal(await page.isVisible("#parameters-table"), true);
    assert.equal(await page.locator('#trend table[data-goal="retention"]').count(), 0);
    assert.equal(await page.locator('#trend table[data-goal="closer"]').count(), 1);
    assert.equal(await page.locator('#breakdowns tr[data-goal="retention"]').count(), 0);
    assert.ok(await page.locator('#breakdowns tr[data-goal="closer"]').count() > 0);
    // The status on a date reads the follow-ups alone: it waits too
    // (docs/page.md#missing-tables), and shows its tables once they come.
    await page.fill("#status-on", "2023-01-31");
    await page.dispatchEvent("#status-on", "change");
    await page.waitForSelector("#status-on-report p.waiting");
    assert.equal(await page.textContent("#status-on-report p.waiting"), T.ui.waitingFollowUps);
    assert.equal(await page.locator("#status-on-report table").count(), 0);
    // In Swedish the note reads in Swedish.
    await page.check('input[name="lang"][value="sv"]');
    assert.equal(await page.textContent("#missing-note p"), stegvis.words("sv").ui.missingFollowUps);
    await page.check('input[name="lang"][value="en"]');

    await page.setInputFiles("#file-follow-ups", file("follow_ups.csv"));
    await page.waitForFunction(() => document.querySelector("#missing-note").hidden);
    assert.equal(await page.locator("#goals-table [data-waiting]").count(), 0);
    assert.equal(await page.locator("#status-on-report p.waiting").count(), 0);
    assert.ok(await page.locator("#status-on-report table").count() > 0);
    assert.equal(await page.isVisible("#download-json"), true);
  } finally {
    await context.close();
  }
});

test("goals by gender with unknowns and the gap; headings unique in both languages", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await loadExample(page);
    const expected = nodeReport();
    const f = new stegvis.Format("en");
    const T = stegvis.words("en");
    for (const goal of expected.goals) {
      for (const g of ["woman", "man"]) {
        const row = page.locator(`#goals-gender-table tr[data-goal="${goal.id}"][data-gender="${g}"]`);
        const value = (field) => row.locator(`td[data-field="${field}"]`).getAttribute("data-value");
        const r = goal.byGender[g];
        assert.equal(await value("achieved"), String(r.achieved), `${goal.id} ${g}`);
        assert.equal(await value("denominator"), String(r.denominator), `${goal.id} ${g}`);
        assert.equal(await value("unknown"), String(r.unknown), `${goal.id} ${g}`);
        assert.equal(await value("share"), r.share === null ? "" : String(r.share), `${goal.id} ${g}`);
      }
      // The gap on the goal's first row, in the page's difference format.
      const gap = page.locator(`#goals-gender-table tr[data-goal="${goal.id}"][data-gender="woman"] td[data-field="gap"]`);
      const d = goal.genderGap;
      assert.equal(await gap.textContent(), d === null ? f.undefined()
        : `${f.points(d.difference)} (${f.points(d.lower)} ${T.marker.to} ${f.points(d.upper)})`, goal.id);
      // Where the interval lies, in words (docs/page.md#goals-by-gender).
      const words = goal.status === "no_data" ? ""
        : !goal.confident ? T.ui.intervalSpans : goal.status === "met" ? T.ui.intervalAbove : T.ui.intervalBelow;
      assert.equal(await page.textContent(`#goals-table tr[data-goal="${goal.id}"] .confidence`), words, goal.id);
      // The overall unknown count is shown too.
      assert.equal(await page.getAttribute(`#goals-table tr[data-goal="${goal.id}"] td[data-field="unknown"]`, "data-value"),
        String(goal.unknown));
    }
    // Nordost has one participant without a recorded gender, counted in
    // the enrolled goals: a row of their own where they are counted.
    const unknownRows = await page.locator('#goals-gender-table tr[data-gender="unknown"]').count();
    assert.equal(unknownRows, expected.goals.filter((g) => g.byGender.unknown.denominator !== 0
      || g.byGender.unknown.excluded !== 0).length);
    for (const lang of ["en", "sv"]) {
      await page.check(`input[name="lang"][value="${lang}"]`);
      await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
      const duplicates = await page.evaluate(() => [...document.querySelectorAll("table")].flatMap((table) => {
        const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()).filter(Boolean);
        return heads.filter((h, i) => heads.indexOf(h) !== i).map((h) => `${table.id || table.closest("[id]")?.id}: ${h}`);
      }));
      assert.deepEqual(duplicates, [], lang);
    }
  } finally {
    await context.close();
  }
});

/** How many values are "suppressed" under `value`: the test's own count. */
const hiddenIn = (value) => (value === "suppressed" ? 1
  : value !== null && typeof value === "object" ? Object.values(value).reduce((n, v) => n + hiddenIn(v), 0) : 0);

test("the publishable switch says in visible text what it hid, why, and its limits", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await loadExample(page);
    assert.equal(await page.isVisible("#publishable-explanation"), false);
    await page.check("#publishable");
    const copy = JSON.parse(JSON.stringify(nodeReport().suppress(5)));
    const T = stegvis.words("en");
    assert.equal(await page.isVisible("#publishable-explanation"), true);
    assert.equal(await page.textContent("#publishable-title"), T.ui.publishableHeading);
    const rows = await page.locator("#publishable-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.querySelector("th").textContent, tr.querySelector("td").dataset.value]));
    const goals = copy.goals.map(({ byGender, genderGap, ...rest }) => rest);
    const byGender = copy.goals.map(({ byGender, genderGap }) => ({ byGender, genderGap }));
    const want = [
      [T.section.enrolment, copy.enrolment], [T.section.goals, goals], [T.ui.goalsByGenderSheet, byGender],
      [T.section.parameters, copy.parameters], [T.section.exits, copy.exits], [T.section.followUps, copy.followUps],
      [T.section.breakdowns, copy.breakdowns], [T.section.assistance, copy.assistance], [T.section.esf, copy.esf],
      [T.section.comparison, copy.comparison], [T.section.trend, copy.trend], [T.section.statusOn, copy.statusOn],
      [T.section.dataQuality, copy.dataQuality],
    ].map(([name, v]) => [name, String(hiddenIn(v))]).filter(([, n]) => n !== "0");
    assert.deepEqual(rows, want);
    // Nordost's one participant without a recorded gender hides the whole
    // split (the unknown count is 1: docs/report.md#disclosure-control).
    assert.equal(copy.enrolment.byGender.unknown.count, "suppressed");
    assert.equal(copy.enrolment.byGender.woman.share, "suppressed");
    const notes = await page.locator("#publishable-explanation p[data-note]").evaluateAll((ps) => ps.map((p) => [p.dataset.note, p.textContent]));
    assert.deepEqual(notes, [
      ["why", T.ui.publishableWhy],
      ["gender-split", T.ui.publishableGenderSplit],
      ["limits", T.ui.publishableLimits],
    ]);
    // Visible, not only a tooltip.
    for (const note of ["why", "gender-split", "limits"]) {
      assert.equal(await page.isVisible(`#publishable-explanation p[data-note="${note}"]`), true, note);
    }
    await page.check('input[name="lang"][value="sv"]');
    assert.equal(await page.textContent('#publishable-explanation p[data-note="limits"]'), stegvis.words("sv").ui.publishableLimits);
    await page.locator("#publishable-explanation").screenshot({ path: join(OUTPUT, "page-publishable-sv.png") });
  } finally {
    await context.close();
  }
});

test("templates download as committed, and the column guide lists every column", async () => {
  const { context, page } = await open();
  try {
    await ready(page, server.url);
    await page.click("#templates summary");
    for (const [id, name] of [["template-programme", "programme.toml"], ["template-participants", "participants.csv"],
      ["template-assessments", "assessments.csv"], ["template-follow-ups", "follow_ups.csv"]]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
      assert.equal(download.suggestedFilename(), name);
      assert.deepEqual(readFileSync(await download.path()), readFileSync(join(TEMPLATES, name)), name);
    }
    // Every column of each template's header has a row in the guide.
    const guide = await page.locator("#column-guide tbody tr").evaluateAll((trs) =>
      trs.map((tr) => `${tr.dataset.table}.${tr.dataset.column}`));
    const headers = ["participants", "assessments", "follow_ups"].flatMap((table) =>
      readFileSync(join(TEMPLATES, `${table}.csv`), "utf8").split("\n")[0].split(",").map((c) => `${table}.${c}`));
    assert.deepEqual(guide, headers);
    const T = stegvis.words("sv");
    await page.check('input[name="lang"][value="sv"]');
    assert.equal(await page.textContent('#column-guide tr[data-column="entry_date"] td:last-child'), T.guide.entryDate);
    assert.equal(await page.textContent('#column-guide tr[data-column="entry_date"] td:nth-child(3)'), T.label.yes);
  } finally {
    await context.close();
  }
});

test("axe-core finds no violation at 1366 and 390 px, in both languages", async () => {
  // The test injects axe-core; the page's policy would refuse that script.
  const { context, page } = await open({ bypassCSP: true });
  try {
    await ready(page, server.url);
    await loadExample(page);
    await page.addScriptTag({ path: AXE });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      for (const lang of ["en", "sv"]) {
        for (const publishable of [false, true]) {
          await page.check(`input[name="lang"][value="${lang}"]`);
          await page.setChecked("#publishable", publishable);
          await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
          const violations = await page.evaluate(async () => {
            // eslint-disable-next-line no-undef
            const result = await axe.run(document);
            return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
          });
          assert.deepEqual(violations, [], `${width} px, ${lang}${publishable ? ", publishable" : ""}`);
        }
      }
      // Wide tables take keyboard focus, are named and show the cue.
      const wrap = page.locator("#goals-table").locator("xpath=..");
      assert.equal(await wrap.getAttribute("tabindex"), "0");
      assert.equal(await wrap.getAttribute("role"), "region");
      const sv = stegvis.words("sv");
      assert.equal(await wrap.getAttribute("aria-label"), `${sv.column.table}: ${sv.section.goals}`);
      const cue = page.locator("#goals-table >> xpath=../following-sibling::p[1]");
      assert.equal(await cue.isVisible(), width === 390, `scroll cue at ${width} px`);
      await page.setChecked("#publishable", false);
      await page.check('input[name="lang"][value="sv"]');
      await page.screenshot({ path: join(OUTPUT, `page-alone-sv-${width}.png`), fullPage: true });
    }
    // Charts are named by their figures.
    const name = await page.getAttribute("#goals-chart svg", "aria-label");
    const expected = nodeReport();
    for (const goal of expected.goals) assert.ok(name.includes(goal.name), goal.id);
    // Not met is hatched as well as coloured.
    assert.equal(await page.locator("#goals-chart svg rect.hatch").count(),
      expected.goals.filter((g) => g.status === "not_met").length);
  } finally {
    await context.close();
  }
});

test("the single file works from file://: the example, an upload, an .xlsx, the workbook, print, no request", async () => {
  const { context, page } = await open();
  // Printing is the browser's dialog: stubbed, in every frame.
  await context.addInitScript(() => { window.print = () => {}; });
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  try {
    await ready(page, pathToFileURL(SINGLE).href);
    await loadExample(page);
    const expected = nodeReport();
    for (const goal of expected.goals) {
      const row = page.locator(`#goals-table tr[data-goal="${goal.id}"]`);
      assert.equal(await row.locator('td[data-field="achieved"]').getAttribute("data-value"), String(goal.achieved), goal.id);
      assert.equal(await row.locator('td[data-field="share"]').getAttribute("data-value"), String(goal.share), goal.id);
      assert.equal(await row.locator('td[data-field="status"]').getAttribute("data-value"), goal.status, goal.id);
    }
    await page.screenshot({ path: join(OUTPUT, "page-single-file.png"), fullPage: true });
    // Files chosen by hand work too.
    await page.click("#clear");
    const file = (name) => ({ name, mimeType: "text/plain", buffer: Buffer.from(read(name)) });
    await page.setInputFiles("#file-programme", file("programme.toml"));
    await page.setInputFiles("#file-participants", file("participants.csv"));
    await page.setInputFiles("#file-assessments", file("assessments.csv"));
    await page.setInputFiles("#file-follow-ups", file("follow_ups.csv"));
    await page.waitForFunction(() => !document.querySelector("#results").hidden
      && document.querySelector("#missing-note")?.hidden
      && document.querySelector('#goals-table tr[data-goal="closer"] td[data-field="status"]')?.dataset.value !== "waiting");
    const closer = expected.goals.find((g) => g.id === "closer");
    // Without the comparison group the goals are the same.
    assert.equal(await page.getAttribute('#goals-table tr[data-goal="closer"] td[data-field="achieved"]', "data-value"),
      String(closer.achieved));
    // A template downloads from the file too.
    await page.click("#templates summary");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#template-programme")]);
    assert.deepEqual(readFileSync(await download.path()), readFileSync(join(TEMPLATES, "programme.toml")));

    // Issue 10's "done means" in the single file: drop the .xlsx itself,
    // download the Excel workbook, print the document with its stylesheet
    // allowed by the file's policy.
    await page.click("#clear");
    const workbook = [...readFileSync(join(REPO, "tests", "fixtures", "xlsx", "nordost.xlsx"))];
    await page.evaluate((files) => {
      const transfer = new DataTransfer();
      for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
      document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
    }, [{ name: "programme.toml", bytes: [...Buffer.from(read("programme.toml"))] },
      { name: "nordost.xlsx", bytes: workbook }]);
    await page.waitForFunction(() => !document.querySelector("#results").hidden
      && document.querySelector("#missing-note")?.hidden);
    assert.equal(await page.getAttribute('#goals-table tr[data-goal="closer"] td[data-field="achieved"]', "data-value"),
      String(closer.achieved));
    const [xlsx] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    assert.deepEqual([...readFileSync(await xlsx.path()).subarray(0, 2)], [0x50, 0x4b]);
    await page.click("#print-report");
    await page.waitForSelector("body[data-printed=true]", { timeout: 10_000 });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    assert.equal(await frame.$eval("table", (t) => getComputedStyle(t).borderCollapse), "collapse",
      "the document's stylesheet applies under the single file's policy");
    for (const url of requests) {
      assert.ok(/^(file|data|blob):/.test(url), `request to ${url.slice(0, 60)}`);
    }
    assert.equal(requests.filter((url) => url.startsWith("file:")).length, 1, "the file itself only");
  } finally {
    await context.close();
  }
});

test("the served page opened from disk says to use the single file", async () => {
  const { context, page } = await open();
  try {
    const before = problems.length;
    await page.goto(pathToFileURL(join(WASM_CRATE, "www", "index.html")).href);
    const note = page.locator("#file-note");
    await note.waitFor({ state: "visible", timeout: 10_000 });
    // The module's failed load is what the note answers: not a problem here.
    await page.waitForTimeout(500);
    problems.splice(before);
    assert.match(await note.textContent(), /stegvis\.html/);
    assert.match(await note.locator('p[lang="sv"]').textContent(), /stegvis\.html/);
    await page.screenshot({ path: join(OUTPUT, "page-file-protocol.png") });
    // Served, the note stays hidden.
    await ready(page, server.url);
    assert.equal(await page.isHidden("#file-note"), true);
  } finally {
    await context.close();
  }
});

test("no page error or console error", () => {
  assert.deepEqual(problems, []);
});
