// Measures how long the page takes to evaluate 100 000 participants × 10
// assessments from CSV text in headless Chromium. Not a test (timings vary by
// machine); run it after scripts/build-wasm.sh:
//
//   node crates/wasm/tests/perf/measure-page.mjs [participants]
//
// STEGVIS_WWW=DIR measures another build of the page (say, the one before
// a change), as measure-files.mjs does.
//
// Two measurements:
//   1. evaluate() on CSV text inside the page (median of 5 runs, after one
//      warm-up), the module loaded exactly as the page loads it;
//   2. the page itself: the three files set on its file inputs, timed from
//      choosing the assessments file to the report on screen, and the
//      evaluation time the page reports.
// The data are synthetic, drawn by a fixed-seed generator, clean and grouped
// by participant; measure-files.mjs beside this times the page on realistic
// exports and checks that it stays responsive (docs/page.md#worker).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { serve } from "../serve.mjs";
import { NORDOST, OUTPUT, WASM_CRATE } from "../support.mjs";

const PARTICIPANTS = Number(process.argv[2] ?? 100_000);
const DATES_PER_PARAMETER = 5; // × 2 parameters = 10 assessments each

let seed = 20210201;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const day = (base, offset) => new Date(base.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

function generate() {
  const start = new Date("2021-02-01T00:00:00Z");
  const outcomes = ["employment", "subsidised_employment", "education", "job_seeking",
    "labour_market_programme", "health_care", "moved", "other"];
  const people = ["id,gender,birth_date,entry_date,exit_date,exit_outcome,tags"];
  const readings = ["participant_id,date,parameter,level"];
  for (let i = 1; i <= PARTICIPANTS; i++) {
    const id = `P${String(i).padStart(6, "0")}`;
    const entry = Math.floor(random() * 540);
    const exits = random() < 0.6;
    const stay = 200 + Math.floor(random() * 300);
    people.push([
      id, pick(["K", "M", "kvinna", "man", "woman"]), day(new Date("1960-01-01T00:00:00Z"), Math.floor(random() * 15_000)),
      day(start, entry), exits ? day(start, entry + stay) : "", exits ? pick(outcomes) : "",
      random() < 0.3 ? "long_term_assistance" : "",
    ].join(","));
    let step = 1 + Math.floor(random() * 3);
    let swedish = 1 + Math.floor(random() * 3);
    for (let k = 0; k < DATES_PER_PARAMETER; k++) {
      const date = day(start, entry + k * 45);
      readings.push(`${id},${date},step,${step}`, `${id},${date},swedish,${swedish}`);
      step = Math.min(6, step + (random() < 0.4 ? 1 : 0));
      swedish = Math.min(5, swedish + (random() < 0.3 ? 1 : 0));
    }
  }
  return { participants: people.join("\n") + "\n", assessments: readings.join("\n") + "\n" };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const root = mkdtempSync(join(tmpdir(), "stegvis-perf-"));
const site = join(root, "site");
cpSync(process.env.STEGVIS_WWW ?? join(WASM_CRATE, "www"), site, { recursive: true });
const { participants, assessments } = generate();
mkdirSync(join(site, "perf"));
for (const [name, text] of [["participants.csv", participants], ["assessments.csv", assessments]]) {
  writeFileSync(join(site, "perf", name), text);
}
writeFileSync(join(site, "perf", "programme.toml"), readFileSync(join(NORDOST, "programme.toml")));
const megabytes = ((participants.length + assessments.length) / 1e6).toFixed(1);

const server = await serve(site);
const context = await chromium.launchPersistentContext(join(root, "profile"), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1366, height: 768 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");

  // 1. evaluate() on CSV text in the page.
  const runs = await page.evaluate(async () => {
    const { Programme, evaluate } = await import("./pkg/stegvis.js");
    const text = async (name) => (await fetch(`perf/${name}`)).text();
    const programme = Programme.fromToml(await text("programme.toml"));
    const tables = { participants: await text("participants.csv"), assessments: await text("assessments.csv") };
    const times = [];
    let enrolled = 0;
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const report = evaluate(programme, tables, { asOf: "2023-01-31" });
      times.push(performance.now() - started);
      enrolled = report.enrolment.enrolled;
    }
    return { times: times.slice(1), enrolled };
  });

  // 2. The page: choose the files as a user would.
  await page.setInputFiles("#file-programme", join(site, "perf", "programme.toml"));
  await page.setInputFiles("#file-participants", join(site, "perf", "participants.csv"));
  await page.waitForSelector("#results:not([hidden])", { timeout: 120_000 });
  const before = await page.getAttribute("#results", "data-ms");
  const started = Date.now();
  await page.setInputFiles("#file-assessments", join(site, "perf", "assessments.csv"));
  await page.waitForFunction(
    () => document.querySelector("#loaded").textContent.includes("assessments.csv")
      && document.querySelector("#status").textContent.startsWith("Computed"),
    undefined,
    { timeout: 120_000, polling: 20 },
  );
  // Wait for the render that follows the evaluation.
  await page.waitForFunction((old) => document.querySelector("#results").dataset.ms !== old, before, { polling: 20 });
  const endToEnd = Date.now() - started;
  const shown = Number(await page.getAttribute("#results", "data-ms"));

  const result = {
    participants: PARTICIPANTS,
    assessments: PARTICIPANTS * 2 * DATES_PER_PARAMETER,
    csvMegabytes: Number(megabytes),
    evaluateMsMedian: Math.round(median(runs.times)),
    evaluateMsRuns: runs.times.map(Math.round),
    enrolled: runs.enrolled,
    pageEvaluateMs: shown,
    pageChooseFileToReportMs: endToEnd,
    chromium: context.browser()?.version() ?? "(persistent context)",
  };
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(join(OUTPUT, "perf.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
} finally {
  await context.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
