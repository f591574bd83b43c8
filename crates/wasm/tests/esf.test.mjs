// The ESF+ profile and the before/after assistance table through the JS
// API (docs/esf.md#profile, docs/report.md#assistance): options.profile,
// camelCase fields with the indicator keys kept as data, and the errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { NORDOST, stegvis } from "./support.mjs";

const read = (name) => readFileSync(join(NORDOST, name), "utf8");

function nordost(options = {}) {
  return stegvis.evaluate(stegvis.Programme.fromToml(read("programme.toml")), {
    participants: read("participants.csv"),
    assessments: read("assessments.csv"),
    followUps: read("follow_ups.csv"),
  }, { asOf: "2023-01-31", ...options });
}

test("profile esf gives the ESF+ indicators by gender", () => {
  // Pinned in crates/cli/tests/esf.rs against an independent reading of the CSVs.
  const esf = nordost({ profile: "esf" }).esf;
  assert.deepEqual([esf.windowDays, esf.longerTermMonths, esf.longerTermToleranceDays], [28, 6, 45]);
  assert.deepEqual(esf.indicators.participants, {
    total: 200, byGender: { woman: 110, man: 89, non_binary: 0, unknown: 1 },
  });
  assert.equal(esf.indicators.long_term_unemployed.byGender.woman, 51);
  assert.equal(esf.indicators.in_employment.total, 35);
  assert.equal(esf.indicators.job_searching.total, 18);
  assert.equal(esf.indicators.employed_6_months.total, 26);
  assert.equal(Object.keys(esf.indicators)[0], "participants");
  assert.equal(Object.keys(esf.indicators).at(-1), "window_open");
});

test("without the profile esf is null; the assistance table is there", () => {
  const r = nordost();
  assert.equal(r.esf, null);
  assert.equal(r.assistance.onAssistanceAtEntry.total, 191);
  const [exit, six, twelve] = r.assistance.steps;
  assert.deepEqual([exit.afterMonths, exit.population, exit.recorded, exit.notOnAssistance], [null, 144, 136, 50]);
  assert.deepEqual([six.afterMonths, six.population, six.recorded, six.notOnAssistance], [6, 91, 82, 40]);
  assert.deepEqual([twelve.afterMonths, twelve.byGender.woman.notOnAssistance], [12, 11]);
  // The publishable copy hides the two men whose window is still open.
  const hidden = nordost({ profile: "esf" }).suppress(5);
  assert.equal(hidden.esf.indicators.window_open.byGender.man, "suppressed");
});

test("a bad profile and a bad status are coded errors", () => {
  assert.throws(() => nordost({ profile: "eu" }), (e) => e.code === "invalid_argument");
  const programme = stegvis.Programme.fromToml(read("programme.toml"));
  assert.throws(
    () => stegvis.evaluate(programme, {
      participants: [{ id: "a", gender: "K", entry_date: "2022-01-10", education: "isced_9" }],
      assessments: [],
    }, { asOf: "2022-06-30" }),
    (e) => e.code === "invalid_education" && e.row === 2 && e.column === "education",
  );
});
