// End to end: the page in Debian's Chromium (headless, driven by
// playwright-core), served from 127.0.0.1 by a server this test starts and
// stops. Loads the Nordost example and checks the goal table against the
// Node build's report of the same files; uploads a broken CSV; switches
// language and the publishable toggle; downloads the JSON; and checks that
// no request left 127.0.0.1. Screenshots go to test-output/wasm/.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { serve } from "./serve.mjs";
import { NORDOST, OUTPUT, WASM_CRATE, stegvis, CHROMIUM, CHROMIUM_ARGS, pageExampleReport, readExample } from "./support.mjs";
import { sheetNames, unzip } from "./zip.mjs";


let server;
let context;
let page;
let profile;
const requests = [];
const problems = [];

const read = readExample;

const nodeReport = pageExampleReport;

const plain = (value) => JSON.parse(JSON.stringify(value));

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
    acceptDownloads: true,
  });
  page = await opened(context.pages()[0] ?? (await context.newPage()));
});

/** `page` with the served page loaded and ready, its requests and problems
 * recorded for the last test. */
async function opened(page) {
  page.on("request", (request) => requests.push(request.url()));
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    // A CSP violation or a failed load is reported as a console error.
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  return page;
}

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("the Nordost example shows the numbers of the Node build", async () => {
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  const expected = nodeReport();
  assert.equal(await page.textContent("#report-title"), expected.programme.name);
  for (const goal of expected.goals) {
    const row = page.locator(`#goals-table tr[data-goal="${goal.id}"]`);
    const value = (field) => row.locator(`td[data-field="${field}"]`).getAttribute("data-value");
    assert.equal(await value("achieved"), String(goal.achieved), `${goal.id} achieved`);
    assert.equal(await value("denominator"), String(goal.denominator), `${goal.id} denominator`);
    assert.equal(await value("share"), String(goal.share), `${goal.id} share`);
    assert.equal(await value("target"), String(goal.target), `${goal.id} target`);
    assert.equal(await value("status"), goal.status, `${goal.id} status`);
    assert.equal(await row.getAttribute("data-lower"), String(goal.ci.lower));
    assert.equal(await row.getAttribute("data-upper"), String(goal.ci.upper));
    // What a reader sees: the share as a percentage with one decimal.
    const shown = await row.locator('td[data-field="share"]').textContent();
    // The core's formats: a no-break space before the unit, one interval style.
    assert.equal(shown, `${(goal.share * 100).toFixed(1)}\u00a0%`, `${goal.id} share as shown`);
    const ci = await row.locator('td[data-field="ci"]').textContent();
    assert.equal(ci, `${(goal.ci.lower * 100).toFixed(1)}–${(goal.ci.upper * 100).toFixed(1)}\u00a0%`);
  }
  for (const gender of ["woman", "man", "non_binary", "unknown"]) {
    const count = await page.locator(`#gender-table tr[data-gender="${gender}"] td[data-field="count"]`)
      .getAttribute("data-value");
    assert.equal(count, String(expected.enrolment.byGender[gender].count), `${gender} count`);
    // Recruitment in the example closed on 2022-07-31: what was missed, not
    // what is still needed (docs/method.md#recruitment).
    assert.equal(expected.enrolment.recruitmentOpen, false);
    const missed = await page.locator(`#gender-table tr[data-gender="${gender}"] td[data-field="missed"]`)
      .getAttribute("data-value");
    const want = expected.enrolment.byGender[gender].missed;
    assert.equal(missed, want === null ? "" : String(want), `${gender} missed`);
  }
  const kinds = await page.locator("#quality-table tbody tr").evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.deepEqual(kinds, expected.dataQuality.map((issue) => issue.kind));
  // Follow-ups per horizon and gender (docs/method.md#follow-up-accounting):
  // at 6 months 95 due, 90 reached, 10 early; women 60 due, 58 reached
  // (checked against an independent reading of the CSVs: crates/cli/tests/cli.rs).
  const followUp = async (months, gender, field) =>
    page.locator(`#follow-ups-table tr[data-horizon="${months}"][data-gender="${gender}"] td[data-field="${field}"]`)
      .getAttribute("data-value");
  assert.equal(await followUp(6, "all", "due"), "95");
  assert.equal(await followUp(6, "all", "reached"), "90");
  assert.equal(await followUp(6, "all", "notReached"), "5");
  assert.equal(await followUp(6, "all", "early"), "10");
  assert.equal(await followUp(6, "all", "responseRate"), String(expected.followUps[0].responseRate));
  assert.equal(await followUp(6, "woman", "due"), "60");
  assert.equal(await followUp(6, "woman", "reached"), "58");
  assert.equal(await followUp(12, "man", "early"), "4");
  assert.equal(await page.locator('#follow-ups-table tr[data-gender="non_binary"]').count(), 0);
  // Exits by gender: 88 women, 63 men, 1 not recorded.
  const exitedBy = async (gender) =>
    page.locator(`#exits-table tr[data-outcome="exited"] td[data-field="${gender}"]`).getAttribute("data-value");
  assert.deepEqual([await exitedBy("woman"), await exitedBy("man"), await exitedBy("unknown")], ["88", "63", "1"]);
  assert.equal(
    await page.locator('#exits-table tr[data-outcome="employment"] td[data-field="woman"]').textContent(),
    "9 (10.2\u00a0%)",
  );
  // Charts: one bar per goal with a defined share.
  assert.equal(await page.locator("#goals-chart svg rect.bar").count(), expected.goals.length);
  // Breakdowns: a collapsible section per breakdown, in programme order,
  // with each group's enrolment, each goal per group and a chart per goal.
  const ids = await page.locator("#breakdowns details").evaluateAll((ds) => ds.map((d) => d.dataset.breakdown));
  assert.deepEqual(ids, ["age", "column:district", "tag:newly_arrived", "tag:long_term_assistance", "cohort:half-year"]);
  for (const b of expected.breakdowns) {
    const section = page.locator(`#breakdowns details[data-breakdown="${b.id}"]`);
    await section.locator("summary").click();
    for (const g of b.groups) {
      const enrolled = await section.locator(`tr[data-group="${g.group}"]:not([data-goal]):not([data-parameter]) td[data-field="enrolled"]`)
        .getAttribute("data-value");
      assert.equal(enrolled, String(g.enrolment.enrolled), `${b.id} ${g.group} enrolled`);
      for (const goal of g.goals) {
        const share = await section.locator(`tr[data-group="${g.group}"][data-goal="${goal.id}"] td[data-field="share"]`)
          .getAttribute("data-value");
        assert.equal(share, goal.share === null ? "" : String(goal.share), `${b.id} ${g.group} ${goal.id}`);
      }
    }
    const bars = b.groups.flatMap((g) => g.goals).filter((goal) => typeof goal.share === "number").length;
    assert.equal(await section.locator("svg rect.bar").count(), bars, `${b.id} bars`);
  }
  await page.screenshot({ path: join(OUTPUT, "page.png"), fullPage: true });
});

test("the re-entry rule and counts show under the enrolment summary (docs/report.md#reentry)", async () => {
  // The example after the previous test, as of its end: the five
  // re-entrants of examples/nordost/generate.py (item 13), counted once.
  const line = page.locator("#reentry-summary");
  assert.equal(await line.getAttribute("data-policy"), "once");
  assert.equal(
    await line.textContent(),
    "Re-entry: each person counted once, first entry to final exit · Persons 200 · Episodes 205 · Re-entrants 5 · Re-entries 5",
  );
});

test("the page shows the ESF+ indicators and the before/after assistance table", async () => {
  const expected = nodeReport();
  // Pinned in crates/cli/tests/esf.rs against an independent reading of the CSVs.
  const esf = async (indicator, field) =>
    page.locator(`#esf-table tr[data-indicator="${indicator}"] td[data-field="${field}"]`).getAttribute("data-value");
  assert.equal(await esf("participants", "total"), "200");
  assert.equal(await esf("long_term_unemployed", "woman"), "51");
  assert.equal(await esf("in_employment", "woman"), "21");
  assert.equal(await esf("in_employment", "total"), "35");
  assert.equal(await esf("job_searching", "man"), "8");
  assert.equal(await esf("employed_6_months", "total"), "26");
  for (const [key, c] of Object.entries(expected.esf.indicators)) {
    assert.equal(await esf(key, "total"), String(c.total), key);
  }
  const step = async (s, gender, field) =>
    page.locator(`#assistance-table tr[data-step="${s}"][data-gender="${gender}"] td[data-field="${field}"]`)
      .getAttribute("data-value");
  // At exit: 144 on assistance at entry exited, 136 recorded, 50 off.
  assert.equal(await step("exit", "all", "population"), "144");
  assert.equal(await step("exit", "all", "not_on_assistance"), "50");
  assert.equal(await step("6", "all", "recorded"), "82");
  assert.equal(await step("12", "woman", "not_on_assistance"), "11");
  await page.locator("#esf-table").screenshot({ path: join(OUTPUT, "page-esf.png") });
});

test("a status date shows the status on that date (docs/method.md#status-on-a-date)", async () => {
  const section = page.locator('section[aria-labelledby="status-on-title"]');
  assert.equal(await section.isHidden(), true);
  await page.fill("#status-on", "2023-01-31");
  await page.dispatchEvent("#status-on", "change");
  await page.waitForSelector('section[aria-labelledby="status-on-title"]:not([hidden])');
  // Pinned in crates/cli/tests/status_on.rs against status_on_check.py.
  const value = async (table, row, field) =>
    page.locator(`#${table} tr[${row}] td[data-field="${field}"]`).getAttribute("data-value");
  assert.equal(await page.locator("#status-on-date").getAttribute("data-date"), "2023-01-31");
  assert.equal(await value("status-on-people", 'data-gender="all"', "exited"), "152");
  assert.equal(await value("status-on-people", 'data-gender="all"', "with_follow_up"), "24");
  assert.equal(await value("status-on-people", 'data-gender="woman"', "no_follow_up"), "72");
  assert.equal(await value("status-on-statuses", 'data-status="health_care"', "count"), "6");
  assert.equal(await value("status-on-statuses", 'data-status="no_follow_up"', "count"), "128");
  assert.equal(await value("status-on-assistance", 'data-gender="all"', "not_on_assistance"), "11");
  assert.equal(await value("status-on-assistance", 'data-gender="man"', "on_assistance"), "3");
  await section.screenshot({ path: join(OUTPUT, "page-status-on.png") });
  // Back to no status date, as the following tests expect.
  await page.fill("#status-on", "");
  await page.dispatchEvent("#status-on", "change");
  await page.waitForSelector('section[aria-labelledby="status-on-title"]', { state: "hidden" });
});

test("the example's comparison group: caveat, goals for both groups, balance table", async () => {
  const expected = nodeReport().comparison;
  const T = stegvis.words("en");
  assert.equal(await page.getAttribute("#comparison .caveat", "data-caveat"), "selection");
  assert.equal(await page.textContent("#comparison .caveat"), T.label.caveatSelection);
  for (const g of expected.goals) {
    const row = page.locator(`#comparison tr[data-goal="${g.id}"]`);
    const value = (field) => row.locator(`td[data-field="${field}"]`).getAttribute("data-value");
    assert.equal(await value("participants-share"), String(g.participants.share), `${g.id} participants`);
    assert.equal(await value("comparison-share"), String(g.comparison.share), `${g.id} comparison`);
    assert.equal(await value("difference"), String(g.difference.difference), `${g.id} difference`);
  }
  // progression as of the page's default date, 2023-01-31: 72 of 150 in the
  // comparison group (checked independently: crates/cli/tests/comparison_check.py 2023-01-31).
  assert.equal(nodeReport().asOf, "2023-01-31");
  const progression = page.locator('#comparison tr[data-goal="progression"]');
  assert.equal(await progression.locator('td[data-field="comparison-achieved"]').textContent(), "72/150");
  // The difference and its interval in the core's formats.
  const d = expected.goals.find((g) => g.id === "progression").difference;
  const f = new stegvis.Format("en");
  assert.equal(await progression.locator('td[data-field="difference"]').textContent(),
    `${f.points(d.difference)} (${f.points(d.lower)} ${T.marker.to} ${f.points(d.upper)})`);
  const rows = await page.locator("#comparison tr[data-characteristic]")
    .evaluateAll((trs) => trs.map((tr) => [tr.dataset.characteristic, tr.dataset.group]));
  assert.deepEqual(rows, expected.balance.map((r) => [r.characteristic, r.group]));
  const longTerm = page.locator('#comparison tr[data-characteristic="tag"][data-group="long_term_assistance"]');
  assert.equal(await longTerm.locator('td[data-field="comparison-count"]').getAttribute("data-value"), "150");
});

test("the JSON download is the report, publishable when asked", async () => {
  const expected = nodeReport();
  const downloaded = async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-json")]);
    return JSON.parse(readFileSync(await download.path(), "utf8"));
  };
  assert.deepEqual(await downloaded(), plain(expected));
  await page.check("#publishable");
  const publishable = expected.suppress(5);
  assert.deepEqual(await downloaded(), plain(publishable));
  // A hidden count shows as hidden in the table.
  const unknownGender = page.locator('#gender-table tr[data-gender="unknown"] td[data-field="count"]');
  assert.equal(publishable.enrolment.byGender.unknown.count, "suppressed");
  assert.equal(await unknownGender.getAttribute("data-value"), "suppressed");
  assert.equal(await unknownGender.textContent(), "supp.");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
  const bytes = readFileSync(await csv.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a UTF-8 byte-order mark");
  const lines = bytes.subarray(3).toString("utf8").trim().split("\n");
  // In the page's language (English here): `,`, a point and a byte-order mark.
  assert.equal(lines[0], "section,item,group,measure,value,lower,upper,suppressed");
  assert.deepEqual(lines, publishable.toCsv("en").trim().split("\n"), "the core's tidy table");
  const achieved = publishable.goals[0].achieved;
  assert.ok(lines.includes(achieved === "suppressed"
    ? "goals,closer,all,achieved,,,,true"
    : `goals,closer,all,achieved,${achieved},,,false`));
  await page.uncheck("#publishable");
});

test("switching to Swedish translates the page", async () => {
  await page.check('input[name="lang"][value="sv"]');
  assert.equal(await page.getAttribute("html", "lang"), "sv");
  assert.equal(await page.textContent("#goals-title"), "Mål");
  assert.equal(await page.textContent("#load-example"), "Ladda exemplet Nordost");
  const expected = nodeReport();
  const badge = await page.locator(`#goals-table tr[data-goal="${expected.goals[0].id}"] .badge`).textContent();
  assert.equal(badge, { met: "uppfyllt", not_met: "ej uppfyllt", no_data: "inga data" }[expected.goals[0].status]);
  // Swedish decimal comma.
  const shown = await page.locator(`#goals-table tr[data-goal="closer"] td[data-field="share"]`).textContent();
  assert.equal(shown.replace(/\s/g, " "), `${(expected.goals[0].share * 100).toFixed(1).replace(".", ",")} %`);
  await page.screenshot({ path: join(OUTPUT, "page-sv.png"), fullPage: true });
  // The phone-width view on a page of its own: resizing the shared page
  // around full-page screenshots once left headless Chromium without
  // animation frames, so that every later click waited in vain.
  const narrow = await opened(await context.newPage());
  try {
    await narrow.setViewportSize({ width: 390, height: 844 });
    await narrow.click("#load-example");
    await narrow.waitForSelector("#results:not([hidden])");
    await narrow.check('input[name="lang"][value="sv"]');
    assert.equal(await narrow.textContent("#goals-title"), stegvis.words("sv").section.goals);
    await narrow.screenshot({ path: join(OUTPUT, "page-sv-390.png"), fullPage: true });
  } finally {
    await narrow.close();
  }
  await page.check('input[name="lang"][value="en"]');
  assert.equal(await page.textContent("#goals-title"), "Goals");
});

/** The words of a text: runs of letters, lower-cased. */
test("the example's quarterly trend: enrolment per date, and a chart and table per goal", async () => {
  if (await page.locator("#results").isHidden()) {
    await page.click("#load-example");
    await page.waitForSelector("#results:not([hidden])");
  }
  const expected = nodeReport();
  // The programme's trend = "quarter": quarter ends from 2021-02-01 before
  // the report's date (the programme's end, 2023-01-31), then that date.
  const dates = expected.trend.map((p) => p.asOf);
  assert.deepEqual(dates, [
    "2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31", "2022-03-31",
    "2022-06-30", "2022-09-30", "2022-12-31", "2023-01-31",
  ]);
  const rows = page.locator("#trend-enrolment tbody tr");
  assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.dataset.date)), dates);
  // Enrolment per date (checked against an independent reading of the CSVs:
  // crates/cli/tests/trend.rs): 25, 58, 99, 130, 152, 189, then 200.
  const enrolled = await page.locator('#trend-enrolment td[data-field="enrolled"]')
    .evaluateAll((cells) => cells.map((c) => c.dataset.value));
  assert.deepEqual(enrolled, ["25", "58", "99", "130", "152", "189", "200", "200", "200"]);
  for (const [k, goal] of expected.goals.entries()) {
    const table = page.locator(`#trend table[data-goal="${goal.id}"]`);
    for (const p of expected.trend) {
      const point = p.goals[k];
      const value = (field) => table.locator(`tr[data-date="${p.asOf}"] td[data-field="${field}"]`).getAttribute("data-value");
      assert.equal(await value("achieved"), String(point.achieved), `${goal.id} ${p.asOf}`);
      assert.equal(await value("share"), point.share === null ? "" : String(point.share), `${goal.id} ${p.asOf}`);
    }
  }
  // closer, achieved at each date: 0, 12, 25, 51, 71, 94, 122, 136, 136.
  const closer = await page.locator('#trend table[data-goal="closer"] td[data-field="achieved"]')
    .evaluateAll((cells) => cells.map((c) => c.dataset.value));
  assert.deepEqual(closer, ["0", "12", "25", "51", "71", "94", "122", "136", "136"]);
  // A point per date with a defined share; retention has none before 2022-06-30.
  const points = expected.trend.flatMap((p) => p.goals).filter((g) => typeof g.share === "number").length;
  assert.equal(await page.locator("#trend svg circle.point").count(), points);
  assert.equal(await page.locator("#trend svg").count(), expected.goals.length);
});

const wordsOf = (text) => new Set((text.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));

test("the page shows only words of the catalogue, in both languages", async () => {
  const report = nodeReport();
  // Words that are data: the programme's names and ids, and the file names.
  const data = wordsOf([
    report.programme.name, report.programme.id,
    ...report.goals.flatMap((g) => [g.id, g.name]),
    ...report.parameters.flatMap((p) => [p.id, p.name]),
    // Breakdowns: the programme's tag and column names, the data's values.
    ...report.breakdowns.flatMap((b) => [b.id, ...b.groups.map((g) => g.group)]),
    // The comparison's balance rows: age bands and the programme's tags.
    ...report.comparison.balance.map((r) => r.group),
    "programme.toml participants.csv assessments.csv follow_ups.csv",
    "comparison_participants.csv comparison_assessments.csv comparison_follow_ups.csv",
    // The column guide's column names (docs/page.md#templates): names, not words.
    ...["participants", "assessments", "follow_ups"].map((t) =>
      readFileSync(join(NORDOST, "..", "templates", `${t}.csv`), "utf8").split("\n")[0].replace(/,/g, " ")),
  ].join(" "));
  for (const lang of ["en", "sv"]) {
    await page.check(`input[name="lang"][value="${lang}"]`);
    const catalogue = wordsOf(stegvis.vocabulary(lang).join(" "));
    for (const publishable of [false, true]) {
      await page.setChecked("#publishable", publishable);
      // Visible text, and the text of folded transition tables and tooltips.
      const text = await page.evaluate(() => [
        document.body.innerText,
        ...[...document.querySelectorAll("details summary, details th, details td")].map((e) => e.textContent),
        ...[...document.querySelectorAll("[title]")].map((e) => e.title),
        ...[...document.querySelectorAll("svg title, svg text")].map((e) => e.textContent),
      ].join("\n"));
      const stray = [...wordsOf(text)].filter((w) => !catalogue.has(w) && !data.has(w));
      assert.deepEqual(stray, [], `${lang}${publishable ? ", publishable" : ""}`);
    }
  }
  await page.uncheck("#publishable");
  await page.check('input[name="lang"][value="en"]');
});

test("a broken CSV gives a clear error naming file, row and column", async () => {
  const lines = read("participants.csv").split("\n");
  const header = lines[0].split(",");
  const gender = header.indexOf("gender");
  const cells = lines[4].split(","); // row 5 of the file
  cells[gender] = "Q";
  lines[4] = cells.join(",");
  await page.setInputFiles("#file-participants", {
    name: "broken-participants.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(lines.join("\n")),
  });
  const error = page.locator("#error");
  await error.waitFor({ state: "visible" });
  const message = await error.textContent();
  assert.match(message, /broken-participants\.csv/);
  assert.match(message, /row 5/);
  assert.match(message, /column gender/);
  assert.match(message, /invalid_gender/);
  assert.ok(!message.includes("Q,") && !message.includes("N0004"), "the message repeats no data");
  assert.equal(await page.isHidden("#results"), true);
  await page.screenshot({ path: join(OUTPUT, "page-error.png") });
  // In Swedish the same error reads in Swedish.
  await page.check('input[name="lang"][value="sv"]');
  assert.match(await error.textContent(), /rad 5, kolumn gender: okänt kön/);
  await page.check('input[name="lang"][value="en"]');
});

test("dropped files are sorted into their tables by their columns; as-of recomputes", async () => {
  await page.click("#clear");
  assert.equal(await page.isHidden("#results"), true);
  const files = ["follow_ups.csv", "assessments.csv", "programme.toml", "participants.csv"]
    .map((name) => ({ name, text: read(name) }));
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const { name, text } of files) transfer.items.add(new File([text], name));
    document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
  }, files);
  await page.waitForSelector("#results:not([hidden])");
  const expected = stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, { asOf: "2022-06-30" });
  await page.fill("#as-of", "2022-06-30");
  await page.dispatchEvent("#as-of", "change");
  await page.waitForFunction(() => document.querySelector("#report-date").textContent.includes("2022-06-30"));
  for (const goal of expected.goals) {
    const share = await page.locator(`#goals-table tr[data-goal="${goal.id}"] td[data-field="share"]`)
      .getAttribute("data-value");
    assert.equal(share, String(goal.share), `${goal.id} share as of 2022-06-30`);
  }
  // The follow-ups file was read as follow-ups: someone was reached at 6 months.
  assert.ok(expected.followUps[0].reached > 0);
  const reached = await page.locator('#follow-ups-table tr[data-horizon="6"][data-gender="all"] td[data-field="reached"]')
    .getAttribute("data-value");
  assert.equal(reached, String(expected.followUps[0].reached));
});

test("the page fills in the date it reports, states it, and warns outside the period", async () => {
  const warning = page.locator("#as-of-warning");
  await page.click("#clear");
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  // Today is after the example's end, so the default is its end.
  assert.equal(await page.inputValue("#as-of"), "2023-01-31");
  assert.equal(await page.textContent("#report-date"),
    stegvis.phrase("en", { phrase: "report_describes", date: "2023-01-31" }));
  assert.equal(await warning.isHidden(), true);
  await page.fill("#as-of", "2024-05-01");
  await page.dispatchEvent("#as-of", "change");
  await page.waitForFunction(() => document.querySelector("#report-date").textContent.includes("2024-05-01"));
  assert.equal(await warning.isVisible(), true);
  assert.equal(await warning.textContent(), stegvis.phrase("en", {
    phrase: "as_of_outside_period", date: "2024-05-01", start: "2021-02-01", end: "2023-01-31",
  }));
  await page.fill("#as-of", "2021-01-15");
  await page.dispatchEvent("#as-of", "change");
  await page.waitForFunction(() => document.querySelector("#report-date").textContent.includes("2021-01-15"));
  assert.equal(await warning.isVisible(), true);
  await page.fill("#as-of", "2022-06-30");
  await page.dispatchEvent("#as-of", "change");
  await page.waitForFunction(() => document.querySelector("#report-date").textContent.includes("2022-06-30"));
  assert.equal(await warning.isHidden(), true);
  await page.screenshot({ path: join(OUTPUT, "page-as-of.png") });
});

test("a dropped Windows-1252 or UTF-16 export reads as its UTF-8 text (docs/data.md#encodings)", async () => {
  const encodings = join(NORDOST, "..", "..", "tests", "fixtures", "encodings");
  const bytes = (name) => [...readFileSync(join(encodings, name))];
  const expected = stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: readFileSync(join(encodings, "participants.utf-8.csv"), "utf8"),
    assessments: readFileSync(join(encodings, "assessments.utf-8.csv"), "utf8"),
  }, { asOf: "2023-01-31" });
  for (const participants of ["participants.windows-1252.csv", "participants.utf-16le.csv"]) {
    await page.click("#clear");
    const files = [
      { name: "programme.toml", bytes: [...Buffer.from(read("programme.toml"))] },
      { name: participants, bytes: bytes(participants) },
      { name: "assessments.windows-1252.csv", bytes: bytes("assessments.windows-1252.csv") },
    ];
    await page.evaluate((files) => {
      const transfer = new DataTransfer();
      for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
      document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
    }, files);
    await page.fill("#as-of", "2023-01-31");
    await page.dispatchEvent("#as-of", "change");
    // The report of these files shown (the section is hidden from #clear on).
    await page.waitForFunction(() => !document.querySelector("#results").hidden
      && document.querySelector("#report-date")?.textContent.includes("2023-01-31"));
    assert.equal(await page.isHidden("#error"), true, participants);
    for (const goal of expected.goals) {
      const share = await page.locator(`#goals-table tr[data-goal="${goal.id}"] td[data-field="share"]`)
        .getAttribute("data-value");
      // An undefined share (a goal nobody is counted for) is an empty value.
      assert.equal(share, goal.share === null ? "" : String(goal.share), `${participants}: ${goal.id}`);
    }
  }
});

test("one dropped workbook with a sheet per table fills all three tables (docs/data.md#xlsx-files)", async () => {
  await page.click("#clear");
  const workbook = [...readFileSync(join(NORDOST, "..", "..", "tests", "fixtures", "xlsx", "nordost.xlsx"))];
  const files = [
    { name: "programme.toml", bytes: [...Buffer.from(read("programme.toml"))] },
    { name: "nordost.xlsx", bytes: workbook },
  ];
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const { name, bytes } of files) transfer.items.add(new File([new Uint8Array(bytes)], name));
    document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true }));
  }, files);
  await page.fill("#as-of", "2023-01-31");
  await page.dispatchEvent("#as-of", "change");
  // The report shown (the page evaluates in a worker, docs/page.md#worker:
  // the date text of the report before #clear is still in the hidden section).
  await page.waitForFunction(() => !document.querySelector("#results").hidden
    && document.querySelector("#report-date")?.textContent.includes("2023-01-31"));
  assert.equal(await page.isHidden("#error"), true);
  // The same numbers as the CSV files in the Node build, follow-ups included.
  const expected = stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, { asOf: "2023-01-31" });
  for (const goal of expected.goals) {
    const share = await page.locator(`#goals-table tr[data-goal="${goal.id}"] td[data-field="share"]`)
      .getAttribute("data-value");
    assert.equal(share, String(goal.share), goal.id);
  }
  const reached = await page.locator('#follow-ups-table tr[data-horizon="6"][data-gender="all"] td[data-field="reached"]')
    .getAttribute("data-value");
  assert.equal(reached, String(expected.followUps[0].reached));
});

test("the Excel workbook download is the report's workbook, in the page's language", async () => {
  await page.click("#clear");
  await page.click("#load-example");
  await page.waitForSelector("#results:not([hidden])");
  const downloaded = async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-xlsx")]);
    assert.match(download.suggestedFilename(), /^stegvis-.*\.xlsx$/);
    return new Uint8Array(readFileSync(await download.path()));
  };
  const english = await downloaded();
  assert.deepEqual([...english.subarray(0, 2)], [0x50, 0x4b], "a zip archive (PK)");
  const expected = nodeReport();
  assert.deepEqual(sheetNames(unzip(english)), sheetNames(unzip(expected.toXlsx("en"))));
  assert.equal(sheetNames(unzip(english))[1], "Goals");
  const strings = unzip(english).get("xl/sharedStrings.xml");
  for (const goal of expected.goals) assert.ok(strings.includes(`>${goal.id}<`), goal.id);
  await page.check('input[name="lang"][value="sv"]');
  assert.equal(await page.textContent("#download-xlsx"), stegvis.words("sv").ui.downloadXlsx);
  const swedish = await downloaded();
  assert.deepEqual(sheetNames(unzip(swedish)), sheetNames(unzip(expected.toXlsx("sv"))));
  await page.check('input[name="lang"][value="en"]');
});

test("the page requested nothing but its own files from 127.0.0.1", () => {
  const origin = new URL(server.url).origin;
  assert.ok(requests.length > 0);
  for (const url of requests) {
    // Downloads are blob: URLs of the page's own origin.
    const where = url.startsWith("blob:") ? new URL(url.slice(5)).origin : new URL(url).origin;
    assert.equal(where, origin, `request to ${url}`);
  }
  assert.ok(requests.some((url) => url.endsWith("/pkg/stegvis_bg.wasm")));
  assert.deepEqual(problems, []);
});
